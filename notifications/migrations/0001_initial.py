# The Notification model moved here from the reports app (issue 18). Its table keeps
# the name reports_notification, so this migration only changes Django's state; the
# database is untouched (reports/migrations/0007 removes the model from reports' state).

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("reports", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='Notification',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(help_text='One line, also the e-mail subject.', max_length=200, verbose_name='title')),
                    ('body', models.TextField(blank=True, help_text='The full message text.', verbose_name='message')),
                    ('url', models.CharField(blank=True, help_text='A page of the portal the message refers to (path or full address).', max_length=500, verbose_name='link')),
                    ('key', models.CharField(blank=True, help_text='Identifies the event this message is about (e.g. a deadline and its reminder stage); a user never receives two notifications with the same key.', max_length=200, verbose_name='de-duplication key')),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When the notification was created.', verbose_name='created')),
                    ('read_at', models.DateTimeField(blank=True, help_text='When the user marked it as read.', null=True, verbose_name='read')),
                    ('emailed_at', models.DateTimeField(blank=True, help_text='When the e-mail copy was handed to the mail server.', null=True, verbose_name='e-mailed')),
                    ('email_error', models.TextField(blank=True, help_text='Why the e-mail copy could not be sent, if it failed.', verbose_name='e-mail error')),
                    ('user', models.ForeignKey(help_text='The admin user who receives this notification.', on_delete=django.db.models.deletion.CASCADE, related_name='portal_notifications', to=settings.AUTH_USER_MODEL, verbose_name='recipient')),
                ],
                options={
                    'db_table': 'reports_notification',
                    'verbose_name': 'notification',
                    'verbose_name_plural': 'notifications',
                    'ordering': ['-created_at', '-pk'],
                    'indexes': [models.Index(fields=['user', 'read_at'], name='reports_not_user_id_000928_idx')],
                    'constraints': [models.UniqueConstraint(condition=models.Q(('key', ''), _negated=True), fields=('user', 'key'), name='reports_notification_unique_user_key')],
                },
            ),
            ],
            database_operations=[],
        ),
    ]
