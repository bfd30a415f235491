from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [path("callback/", views.oauth_callback, name="oauth_callback")]
