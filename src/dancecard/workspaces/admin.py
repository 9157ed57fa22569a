from django.contrib import admin

from dancecard.workspaces.models import Workspace

admin.site.register(Workspace)
