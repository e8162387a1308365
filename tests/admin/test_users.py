"""Admins manage users and memberships in the UI; unit admins only within their units."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.accounts.models import LoginSession, Membership, Role, User
from app.accounts.passwords import verify_password
from app.audit.models import AuditEntry
from app.extensions import db
from tests.accounts.test_reset import LINK_RE
from tests.conftest import PASSWORD, count_queries, post


@pytest.fixture
def site_admin(make_user, unit):
    return make_user(Role.ADMIN, unit, email="site@example.org", is_site_admin=True)


@pytest.fixture
def unit_admin(make_user, unit):
    return make_user(Role.ADMIN, unit, email="unitadmin@example.org")


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def _actions(app) -> list[str]:
    with app.app_context():
        return db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()


def _invitation_path(outbox, email: str) -> str:
    message = outbox()[-1]
    assert message["To"] == email and message["Subject"] == "Välkommen till Torget"
    return LINK_RE.search(message.get_content()).group(1)


def test_site_admin_invites_a_user_who_chooses_their_password(
    app, client, login, site_admin, unit, outbox
):
    login(site_admin)
    response = post(
        client,
        "/admin/users/new",
        {"email": "Ny@Example.org", "name": "Nina Ny", "is_active": "y"},
        "/admin/users/new",
    )
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email_key == "ny@example.org"))
        assert user.owner_unit_id is None  # the site admins' alone
        assert not verify_password(user.password_hash, "")  # no password anyone knows
    assert response.headers["Location"] == f"/admin/users/{user.id}"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "en inbjudan är skickad till Ny@Example.org" in html
    assert "Skicka inbjudan igen" in html and 'type="password"' not in html
    path = _invitation_path(outbox, "Ny@Example.org")
    invited = app.test_client()
    assert "Välj lösenord" in invited.get(path).get_data(as_text=True)
    chosen = "mitt eget långa lösenord"
    post(invited, path, {"password": chosen, "confirm": chosen}, path)
    assert post(invited, "/login", {"email": "ny@example.org", "password": chosen}, "/login")
    with app.app_context():
        assert verify_password(db.session.get(User, user.id).password_hash, chosen)
    response = post(
        client,
        f"/admin/users/{user.id}/memberships",
        {"unit": unit.id, "role": "organiser", "organisation": 0},
        f"/admin/users/{user.id}",
    )
    assert response.status_code == 302
    with app.app_context():
        roles = db.session.scalars(select(Membership.role).where(Membership.user_id == user.id))
        assert list(roles) == [Role.ORGANISER]
    assert "membership.add" in _actions(app) and "user.create" in _actions(app)
    assert "Nina Ny" in client.get("/admin/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "site@example.org", "name": "X"}, "används redan"),
        ({"email": "SITE@example.org", "name": "X"}, "används redan"),
        ({"email": "inte en adress", "name": "X"}, "giltig e-postadress"),
        ({"email": "a@example.org", "name": ""}, "Fyll i ett namn."),
        ({"email": "a@example.org", "name": "N" * 10_000}, "Högst 200 tecken."),
    ],
)
def test_bad_new_user_is_explained_and_nothing_is_stored(
    app, client, login, site_admin, data, message, outbox
):
    login(site_admin)
    before = _count(app, User)
    response = post(client, "/admin/users/new", data, "/admin/users/new")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert message in html
    assert 'aria-invalid="true"' in html
    if data["name"] and len(data["name"]) < 300:
        typed = data["name"].replace("\x00", "")
        assert f'value="{typed}"' in html  # what was typed is kept
    assert _count(app, User) == before
    assert outbox() == []


def test_deactivating_a_user_ends_their_sessions(app, client, login, site_admin, make_user, unit):
    target = make_user(Role.ORGANISER, unit)
    theirs = login(target, on=app.test_client())
    login(site_admin)
    response = post(
        client,
        f"/admin/users/{target.id}",
        {"email": target.email, "name": "Nytt Namn"},  # is_active unticked
        f"/admin/users/{target.id}",
    )
    assert response.status_code == 302
    assert theirs.get("/profile").status_code == 302
    with app.app_context():
        user = db.session.get(User, target.id)
        assert user.name == "Nytt Namn" and user.is_active is False
        sessions = db.session.scalars(select(LoginSession).where(LoginSession.user_id == user.id))
        assert all(s.revoked_at for s in sessions)
    assert "user.deactivate" in _actions(app)


def test_nobody_sets_another_persons_password(app, client, login, site_admin, make_user, unit):
    """A password typed by an admin is ignored: only a mailed link lets its owner choose one."""
    target = make_user(Role.ORGANISER, unit)
    login(site_admin)
    assert 'type="password"' not in client.get(f"/admin/users/{target.id}").get_data(as_text=True)
    post(
        client,
        f"/admin/users/{target.id}",
        {
            "email": target.email,
            "name": target.name,
            "password": "nytt lösenord!",
            "is_active": "y",
        },
        f"/admin/users/{target.id}",
    )
    with app.app_context():
        stored = db.session.get(User, target.id).password_hash
        assert verify_password(stored, PASSWORD) and not verify_password(stored, "nytt lösenord!")


def test_admin_sends_a_reset_link_to_the_owner(
    app, client, login, site_admin, make_user, unit, outbox
):
    target = make_user(Role.ORGANISER, unit)
    login(site_admin)
    response = post(client, f"/admin/users/{target.id}/link", {}, f"/admin/users/{target.id}")
    assert response.status_code == 302
    message = outbox()[-1]
    assert message["To"] == target.email and message["Subject"] == "Nytt lösenord till Torget"
    assert LINK_RE.search(message.get_content())
    with app.app_context():  # the password stays until the owner uses the link
        assert verify_password(db.session.get(User, target.id).password_hash, PASSWORD)


def test_email_taken_by_another_user_is_refused(app, client, login, site_admin, make_user, unit):
    target = make_user(Role.ORGANISER, unit)
    login(site_admin)
    response = post(
        client,
        f"/admin/users/{target.id}",
        {"email": "SITE@example.org", "name": target.name, "is_active": "y"},
        f"/admin/users/{target.id}",
    )
    assert response.status_code == 200
    assert "används redan av ett annat konto" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, target.id).email == target.email


def test_site_admin_removes_a_membership(app, client, login, site_admin, make_user, unit):
    target = make_user(Role.ORGANISER, unit)
    login(site_admin)
    with app.app_context():
        membership_id = db.session.scalar(
            select(Membership.id).where(Membership.user_id == target.id)
        )
    response = post(
        client, f"/admin/memberships/{membership_id}/delete", {}, f"/admin/users/{target.id}"
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/users/{target.id}"
    with app.app_context():
        assert db.session.get(Membership, membership_id) is None
    assert _actions(app)[-1] == "membership.remove"


def test_site_admin_may_grant_site_admin(app, client, login, site_admin, make_user, unit):
    target = make_user(Role.ORGANISER, unit)
    login(site_admin)
    post(
        client,
        f"/admin/users/{target.id}",
        {"email": target.email, "name": target.name, "is_active": "y", "is_site_admin": "y"},
        f"/admin/users/{target.id}",
    )
    with app.app_context():
        assert db.session.get(User, target.id).is_site_admin is True


# --- A unit admin: only their own unit's users, never site admin rights -------------------


def test_unit_admin_sees_only_their_units_users(
    client, login, unit_admin, make_user, unit, other_unit
):
    make_user(Role.ORGANISER, unit, email="here@example.org")
    make_user(Role.ORGANISER, other_unit, email="there@example.org")
    login(unit_admin)
    html = client.get("/admin/").get_data(as_text=True)
    assert "here@example.org" in html and "there@example.org" not in html
    assert 'name="is_site_admin"' not in client.get("/admin/users/new").get_data(as_text=True)


def test_unit_admin_cannot_grant_site_admin_or_city_rights(
    app, client, login, unit_admin, make_user, unit
):
    target = make_user(Role.ORGANISER, unit)
    login(unit_admin)
    response = post(
        client,
        f"/admin/users/{target.id}",
        {
            "email": target.email,
            "name": target.name,
            "is_active": "y",
            "is_site_admin": "y",
            "is_city_officer": "y",
        },
        f"/admin/users/{target.id}",
    )
    assert response.status_code == 302
    response = post(
        client,
        "/admin/users/new",
        {"email": "x@example.org", "name": "X", "unit": unit.id, "is_site_admin": "y"},
        "/admin/users/new",
    )
    assert response.status_code == 302
    with app.app_context():
        users = db.session.scalars(select(User)).all()
        assert not any(u.is_site_admin or u.is_city_officer for u in users)


@pytest.mark.parametrize("who", ["other_unit_user", "site_admin", "city_officer", "mixed"])
def test_unit_admin_cannot_edit_users_out_of_reach(
    app, client, login, unit_admin, make_user, unit, other_unit, who
):
    if who == "other_unit_user":
        target = make_user(Role.ORGANISER, other_unit)
    elif who == "site_admin":
        target = make_user(Role.ORGANISER, unit, is_site_admin=True)
    elif who == "city_officer":
        target = make_user(None, None, is_city_officer=True)
    else:
        target = make_user(Role.ORGANISER, other_unit)
        with app.app_context():
            from app.accounts import services

            services.add_membership(None, db.session.get(User, target.id), unit.id, Role.OFFICER)
            db.session.commit()
    login(unit_admin)
    assert client.get(f"/admin/users/{target.id}").status_code == 403
    before = _actions(app)
    response = post(
        client,
        f"/admin/users/{target.id}",
        {"email": target.email, "name": "Kapad", "is_active": ""},
        "/admin/",
    )
    assert response.status_code == 403
    response = post(
        client,
        f"/admin/users/{target.id}/memberships",
        {"unit": unit.id, "role": "admin", "organisation": 0},
        "/admin/",
    )
    assert response.status_code == 403
    with app.app_context():
        user = db.session.get(User, target.id)
        assert user.name == target.name and user.is_active
    assert _actions(app) == before


def test_unit_admin_cannot_add_a_role_in_another_unit(
    app, client, login, unit_admin, make_user, unit, other_unit
):
    target = make_user(Role.ORGANISER, unit)
    login(unit_admin)
    html = client.get(f"/admin/users/{target.id}").get_data(as_text=True)
    assert other_unit.name not in html
    response = post(
        client,
        f"/admin/users/{target.id}/memberships",
        {"unit": other_unit.id, "role": "admin", "organisation": 0},
        f"/admin/users/{target.id}",
    )
    assert response.status_code == 302
    assert "Rollen kunde inte läggas till" in client.get(f"/admin/users/{target.id}").get_data(
        as_text=True
    )
    with app.app_context():
        units = db.session.scalars(
            select(Membership.unit_id).where(Membership.user_id == target.id)
        )
        assert set(units) == {unit.id}


def test_unit_admin_cannot_remove_another_units_membership(
    app, client, login, unit_admin, make_user, other_unit
):
    target = make_user(Role.ORGANISER, other_unit)
    with app.app_context():
        membership_id = db.session.scalar(
            select(Membership.id).where(Membership.user_id == target.id)
        )
    login(unit_admin)
    response = post(client, f"/admin/memberships/{membership_id}/delete", {}, "/admin/")
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Membership, membership_id) is not None


@pytest.mark.parametrize(
    "role", [Role.ORGANISER, Role.OFFICER, Role.AWARD_ADMIN, Role.JUROR, "city", None]
)
def test_other_roles_get_403_everywhere_and_change_nothing(
    app, client, login, make_user, unit, role
):
    target = make_user(Role.ORGANISER, unit, email="target@example.org")
    if role == "city":
        user = make_user(None, None, is_city_officer=True)
    else:
        user = make_user(role, unit if role else None)
    login(user)
    with app.app_context():
        membership_id = db.session.scalar(select(Membership.id))
    before = _actions(app)
    for path in ("/admin/", "/admin/users/new", f"/admin/users/{target.id}"):
        assert client.get(path).status_code == 403, path
    posts = {
        "/admin/users/new": {"email": "x@example.org", "name": "X", "unit": unit.id},
        f"/admin/users/{target.id}": {"email": target.email, "name": "X"},
        f"/admin/users/{target.id}/memberships": {"unit": unit.id, "role": "admin"},
        f"/admin/memberships/{membership_id}/delete": {},
    }
    for path, data in posts.items():
        assert post(client, path, data, "/").status_code == 403, path
    assert _actions(app) == before
    assert _count(app, User) == 2


@pytest.mark.parametrize(
    "path", ["/admin/users/999999", "/admin/memberships/999999/delete", "/admin/users/0"]
)
def test_missing_ids_give_404(client, login, site_admin, path):
    login(site_admin)
    method = post if path.endswith("delete") else None
    response = method(client, path, {}, "/admin/") if method else client.get(path)
    assert response.status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get("/admin/users/new")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_admin_index_query_count_does_not_grow_with_users(app, client, login, site_admin, unit):
    from app.accounts import services

    login(site_admin)

    def add_users(n: int) -> None:
        with app.app_context():
            for _ in range(n):
                user = services.create_user(None, f"u{_count_users()}@example.org", "U", PASSWORD)
                services.add_membership(None, user, unit.id, Role.ORGANISER)
            db.session.commit()

    def _count_users() -> int:
        return db.session.scalar(select(func.count(User.id)))

    add_users(2)
    with count_queries(app) as few:
        assert client.get("/admin/").status_code == 200
    add_users(30)
    with count_queries(app) as many:
        assert client.get("/admin/").status_code == 200
    assert many() == few()


# --- Ownership: an account belongs to the unit that made it ----------------------------------


def test_unit_admin_makes_an_account_their_unit_owns(
    app, client, login, unit_admin, unit, other_unit, outbox
):
    login(unit_admin)
    html = client.get("/admin/users/new").get_data(as_text=True)
    assert unit.name in html and other_unit.name not in html
    response = post(
        client,
        "/admin/users/new",
        {"email": "ny@example.org", "name": "Ny", "unit": other_unit.id, "is_active": "y"},
        "/admin/users/new",
    )
    assert response.status_code == 200 and "Välj en av enheterna" in response.get_data(as_text=True)
    response = post(
        client,
        "/admin/users/new",
        {"email": "ny@example.org", "name": "Ny", "unit": unit.id, "is_active": "y"},
        "/admin/users/new",
    )
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email_key == "ny@example.org"))
        assert user.owner_unit_id == unit.id
    assert client.get(f"/admin/users/{user.id}").status_code == 200
    assert "ny@example.org" in client.get("/admin/").get_data(as_text=True)


def test_an_account_without_roles_is_not_in_every_admins_reach(
    app, client, login, make_user, unit, other_unit, site_admin
):
    """The takeover found in the attack: a Bromma admin edits a roleless account that a
    site admin then gives a Hägersten role, signs in as it and reads Hägersten's data."""
    bromma_admin = make_user(Role.ADMIN, other_unit, email="admin@bromma.example.org")
    login(site_admin)
    post(
        client,
        "/admin/users/new",
        {"email": "roll-los@example.org", "name": "Rollös", "is_active": "y"},
        "/admin/users/new",
    )
    with app.app_context():
        target = db.session.scalar(select(User).where(User.email_key == "roll-los@example.org"))
    bromma = login(bromma_admin, on=app.test_client())
    assert bromma.get(f"/admin/users/{target.id}").status_code == 403
    assert "roll-los@example.org" not in bromma.get("/admin/").get_data(as_text=True)
    for path, data in (
        (f"/admin/users/{target.id}", {"email": "mine@bromma.example.org", "name": "Kapad"}),
        (f"/admin/users/{target.id}/link", {}),
        (f"/admin/users/{target.id}/memberships", {"unit": other_unit.id, "role": "admin"}),
    ):
        assert post(bromma, path, data, "/admin/").status_code == 403, path
    with app.app_context():
        stored = db.session.get(User, target.id)
        assert stored.email == "roll-los@example.org" and stored.name == "Rollös"
        assert stored.memberships == []


def test_an_owned_account_given_a_role_elsewhere_leaves_its_owners_reach(
    app, client, login, make_user, unit, other_unit, site_admin
):
    bromma_admin = make_user(Role.ADMIN, other_unit, email="admin@bromma.example.org")
    target = make_user(Role.ORGANISER, other_unit)  # made by Bromma: Bromma owns it
    bromma = login(bromma_admin, on=app.test_client())
    assert bromma.get(f"/admin/users/{target.id}").status_code == 200
    with app.app_context():
        from app.accounts import services

        services.add_membership(None, db.session.get(User, target.id), unit.id, Role.OFFICER)
        db.session.commit()
    assert bromma.get(f"/admin/users/{target.id}").status_code == 403
    response = post(
        bromma,
        f"/admin/users/{target.id}",
        {"email": "x@bromma.example.org", "name": "X"},
        "/admin/",
    )
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(User, target.id).email == target.email
