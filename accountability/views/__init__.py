"""Admin views of the accountability tracker (viewset bases, dashboard, Excel, workflow)."""
