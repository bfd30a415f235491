from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from aliexpress_magento.console.views import health

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("admin/", admin.site.urls),
    path("aliexpress/", include("aliexpress_magento.accounts.urls")),
    path("healthz", health, name="health"),
]
