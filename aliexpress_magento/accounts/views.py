"""The OAuth callback AliExpress redirects the browser to (the Redirect uri of the configuration page)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_GET

from . import diagnosis
from .services import oauth


@require_GET
def oauth_callback(request: HttpRequest) -> HttpResponse:
    """``?code=…&state=…``: the state must be ours, fresh, unused and this user's; then the code is
    exchanged. Login is required (middleware), so the state is checked against a known user."""
    state, code = request.GET.get("state", ""), request.GET.get("code", "")
    if not code:
        reason = diagnosis.excerpt(
            request.GET.get("error_description") or request.GET.get("error") or "no code in the answer"
        )
        oauth.refuse(f"AliExpress did not authorize ({reason}).", user=request.user)
        messages.error(request, f"AliExpress did not authorize: {reason}.")
        return HttpResponseRedirect(reverse("admin:accounts_account_changelist"))
    try:
        account = oauth.complete(state, code, request.user)
    except oauth.StateRefused as exc:
        oauth.refuse(str(exc), user=request.user)
        messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("admin:accounts_account_changelist"))
    except oauth.ExchangeFailed as exc:
        oauth.refuse(f"the code could not be exchanged: {exc}", user=request.user, account_id=exc.account.pk)
        messages.error(request, f"The code could not be exchanged for tokens: {exc}")
        return HttpResponseRedirect(reverse("admin:accounts_account_change", args=[exc.account.pk]))
    messages.success(request, f"Authorized by AliExpress seller {account.seller_login or account.seller_id}.")
    return HttpResponseRedirect(reverse("admin:accounts_account_change", args=[account.pk]))
