"""A URL map with one view that fails, to see the branded 500 page."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path


@login_not_required
def broken(request):
    raise RuntimeError("a failure the page must not reveal")


urlpatterns = [path("broken/", broken)]
