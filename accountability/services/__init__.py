"""Business rules of the accountability tracker (scoping, roles, workflows, ratings,
reminders, dashboard queries). Reports and views import from here."""
