def test_smoke(client, auth, world):
    for login, paths in [
        ("warga@test.id", ["/me/", "/me/profile", "/me/vacancies", f"/me/vacancies/{world.vacancy.id}"]),
        ("hrd@test.id", ["/employer/", "/employer/company", "/employer/vacancies/new", f"/employer/vacancies/{world.vacancy.id}", f"/employer/vacancies/{world.vacancy.id}/edit"]),
        ("petugas@test.id", ["/staff/", "/staff/seekers", "/staff/seekers/new", f"/staff/seekers/{world.seeker.id}", "/staff/companies", "/staff/vacancies", f"/staff/vacancies/{world.vacancy.id}/suggestions", "/reports/"]),
        ("admin@test.id", ["/admin/", "/admin/staff", "/admin/kelurahan", "/admin/kelurahan/new", "/reports/"]),
        ("kota@test.id", ["/reports/"]),
    ]:
        r = auth.login(login)
        assert r.status_code == 303, (login, r.status_code, r.data[:2000])
        for p in paths:
            r = client.get(p)
            assert r.status_code == 200, (p, r.status_code, r.data[-3000:])
        auth.logout()
    for p in ["/", "/login", "/register", f"/register/{world.nj.id}", "/register/employer", "/claim", "/privacy", "/healthz"]:
        r = client.get(p)
        assert r.status_code == 200, (p, r.status_code, r.data[-3000:])
