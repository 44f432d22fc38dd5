"""`ascolto users create|list|disable`, and what the stored hash looks like."""

from __future__ import annotations

from argon2 import PasswordHasher

from survey.accounts.tables import User
from tests.survey.accounts.helpers import PASSWORD, api_login, make_user


async def test_create_asks_the_password_twice(client, cli):
    result = await cli("users", "create", "anna", "--role", "manager", input=f"{PASSWORD}\n" * 2)
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    assert (await api_login(client, "anna")).status_code == 200


async def test_create_refuses_two_different_entries(db, cli):
    typed = f"{PASSWORD}\nsomething-else-entirely\n"
    result = await cli("users", "create", "anna", "--role", "manager", input=typed)
    assert result.exit_code != 0
    assert await User.count().run() == 0


async def test_create_refuses_a_short_password_and_a_duplicate_name(db, cli):
    result = await cli(
        "users", "create", "anna", "--role", "admin", "--password-stdin", input="short\n"
    )
    assert result.exit_code == 1
    assert "password: must be at least 12 characters" in result.output
    assert "short" not in result.output.replace("at least", "")

    await make_user(cli, "anna")
    result = await cli(
        "users", "create", "anna", "--role", "admin", "--password-stdin", input=PASSWORD + "\n"
    )
    assert result.exit_code == 1
    assert "a user named 'anna' already exists" in result.output


async def test_create_refuses_an_unknown_role(db, cli):
    result = await cli("users", "create", "anna", "--role", "boss", "--password-stdin", input="")
    assert result.exit_code == 2
    assert "boss" in result.output


async def test_list_and_disable(db, cli):
    await make_user(cli, "anna")
    await make_user(cli, "bruno", role="admin")
    result = await cli("users", "disable", "anna")
    assert result.exit_code == 0, result.output
    listed = await cli("users", "list")
    assert listed.output.splitlines() == ["anna\tmanager\tdisabled", "bruno\tadmin\tactive"]
    assert "$argon2" not in listed.output

    result = await cli("users", "disable", "nobody")
    assert result.exit_code == 1
    assert "no user named 'nobody'" in result.output


async def test_hash_is_argon2_and_is_renewed_when_parameters_change(client, cli):
    await make_user(cli, "anna")
    stored = (await User.select(User.password_hash).first().run())["password_hash"]
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored

    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    await User.update({User.password_hash: weak}, force=True).run()
    assert (await api_login(client, "anna")).status_code == 200
    renewed = (await User.select(User.password_hash).first().run())["password_hash"]
    assert renewed != weak
    assert not PasswordHasher().check_needs_rehash(renewed)
