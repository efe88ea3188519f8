"""A job fair through the real pages in Chromium: staff create it, a company joins with a vacancy,
two residents register and show their pass; the booth (a phone) records an interview from a typed
code with JavaScript off and from a scanned QR code (a photo through the file input) with
JavaScript on; the referral appears for staff, the employer and the resident. Then the booth's
offline queue: taps made without a connection wait in the page and reach the server once. Last, the
camera: a pass read from it, the camera turned off by "Tutup kamera", and a refused camera."""
from __future__ import annotations

import datetime as dt
import io
import re
from contextlib import contextmanager

import pytest
import qrcode
from playwright.sync_api import expect
from sqlalchemy import func, select

from app.extensions import db
from app.models import Fair, FairPass, FairRecord, FairVisit, Match, Role, SeekerProfile
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, WATCH_SCRIPT, PageWatch
from tests.browser.helpers import SIDEWAYS, SMALL_TARGETS, axe_violations, log_in, log_out

pytestmark = pytest.mark.browser

# Runs before the booth's script: keeps every stream the page got from the camera, so a test can see
# that closing the camera stopped them all (the page drops its video element when it closes).
KEEP_STREAMS = """
(() => {
  window.__streams = [];
  const devices = navigator.mediaDevices;
  if (!devices || !devices.getUserMedia) return;
  const real = devices.getUserMedia.bind(devices);
  devices.getUserMedia = (wanted) => real(wanted).then((stream) => { window.__streams.push(stream); return stream; });
})();
"""
LIVE_TRACKS = "window.__streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState !== 'ended').length"

# Runs before the booth's script: the camera refused, as when the person says no to the browser's question.
REFUSE_CAMERA = """
(() => {
  if (!navigator.mediaDevices) return;
  navigator.mediaDevices.getUserMedia = () =>
    Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
})();
"""


def _count(model, *where) -> int:
    found = db.session.scalar(select(func.count()).select_from(model).where(*where))
    db.session.remove()
    return found


def _qr_png(text: str) -> bytes:
    """The pass's QR code as a phone photo of the card would hold it: black on white, quiet zone."""
    code = qrcode.QRCode(border=4, box_size=8, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(out, format="PNG")
    return out.getvalue()


def _qr_video(text: str, path) -> None:
    """A short camera film of the pass held up to the phone (Y4M, which Chromium's fake camera
    plays in a loop): the QR code on a grey table, in grey levels only."""
    from PIL import Image

    width, height = 640, 480
    card = Image.open(io.BytesIO(_qr_png(text))).convert("L").resize((300, 300), Image.NEAREST)
    frame = Image.new("L", (width, height), 140)
    frame.paste(card, ((width - 300) // 2, (height - 300) // 2))
    chroma = bytes([128]) * (width // 2 * height // 2 * 2)
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _frame in range(10):
            out.write(b"FRAME\n" + frame.tobytes() + chroma)


def _check_phone_page(page) -> None:
    """What the whole-site crawl checks, on the booth as JavaScript shows it (the crawl sees the
    page as it loads): WCAG by axe-core, no sideways scrolling, no small touch targets."""
    assert axe_violations(page) == []
    assert page.evaluate(SIDEWAYS) <= 0
    assert page.evaluate(SMALL_TARGETS) == []


def _register(page, fair_id: int) -> str:
    """A resident registers for the fair and reads the code on their pass."""
    page.goto("/me/bursa")
    page.get_by_role("listitem").filter(has_text="Bursa Kerja Stan Uji").get_by_role("button", name="Daftar").click()
    expect(page).to_have_url(re.compile(rf"/me/bursa/{fair_id}$"))
    expect(page.locator(".pass-qr svg.qr")).to_be_visible()
    return page.locator(".pass-code").inner_text().strip()


def test_fair_from_invitation_to_booth_records_typed_and_scanned(app, world, make, live_server, open_page, screenshot_dir):
    dewi_user = make.user(Role.SEEKER, "dewi@test.id", kelurahan=world.nj)
    make.seeker(world.nj, name="Dewi Lestari", sex="P", birth=dt.date(2001, 4, 9), user=dewi_user)
    db.session.commit()
    vacancy_id, vacancy_title, company_name = world.vacancy.id, world.vacancy.title, world.company.name
    budi = world.seeker.full_name
    db.session.remove()
    day = dt.date.today() + dt.timedelta(days=2)

    # 1. Staff create the fair and invite the company.
    page, watch = open_page()
    log_in(page, "petugas@test.id", app)
    page.goto("/staff/bursa/baru")
    page.get_by_label("Nama bursa kerja").fill("Bursa Kerja Stan Uji")
    page.get_by_label("Mulai (tanggal dan jam, WIB)").fill(f"{day.isoformat()}T08:00")
    page.get_by_label("Selesai (tanggal dan jam, WIB)").fill(f"{day.isoformat()}T14:00")
    page.get_by_label("Tempat").fill("Aula Kelurahan Nusa Jaya")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("#flash")).to_contain_text("Bursa kerja tersimpan.")
    fair_id = int(re.search(r"/staff/bursa/(\d+)$", page.url).group(1))
    page.get_by_label("Perusahaan terverifikasi").select_option(label=company_name)
    page.get_by_role("button", name="Undang").click()
    expect(page.locator("#flash")).to_contain_text(f"Undangan terkirim ke {company_name}.")
    watch.check("on the staff fair page")
    log_out(page)

    # 2. The company joins with its vacancy.
    log_in(page, "hrd@test.id")
    page.goto(f"/employer/bursa/{fair_id}")
    page.get_by_label(vacancy_title).check()
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("#flash")).to_contain_text("Lowongan untuk bursa kerja tersimpan.")
    expect(page.get_by_role("link", name="Buka stan")).to_be_visible()
    watch.check("on the company's fair page")
    log_out(page)

    # 3. Two residents register and get their pass.
    log_in(page, "warga@test.id")
    budi_code = _register(page, fair_id)
    log_out(page)
    log_in(page, "dewi@test.id")
    _register(page, fair_id)
    watch.check("on the residents' pass pages")
    log_out(page)
    dewi_code = db.session.scalar(select(FairPass.code).join(SeekerProfile, SeekerProfile.id == FairPass.seeker_id)
                                  .where(FairPass.fair_id == fair_id, SeekerProfile.full_name == "Dewi Lestari"))
    db.session.remove()

    # 4. The booth on a phone without JavaScript: the code typed, an interview recorded.
    booth, booth_watch = open_page(viewport=PHONE, javascript=False)
    log_in(booth, "hrd@test.id")
    booth.goto(f"/employer/bursa/{fair_id}/booth")
    expect(booth.get_by_role("button", name="Pindai dengan kamera")).to_be_hidden()
    expect(booth.get_by_label("Atau foto kartunya")).to_be_hidden()
    booth.get_by_label("Kode kartu peserta").fill(budi_code.lower())
    booth.get_by_role("button", name="Buka kartu").click()
    expect(booth.get_by_role("heading", level=1)).to_have_text(budi)
    row = booth.get_by_role("listitem").filter(has_text=vacancy_title)
    row.get_by_role("button", name="Wawancara di tempat").click()
    expect(booth.locator("#flash")).to_contain_text(f"{vacancy_title}: Wawancara di tempat tercatat.")
    booth_watch.check("at the booth without JavaScript")
    booth.screenshot(path=screenshot_dir / "fair-booth-1-typed-no-js-360.png", full_page=True)

    # 5. The booth on a phone with JavaScript: Dewi's QR code read from a photo of her card.
    scanner, scanner_watch = open_page(viewport=PHONE)
    log_in(scanner, "hrd@test.id")
    loaded = []
    scanner.on("request", lambda r: loaded.append(r.url) if "jsQR" in r.url else None)
    scanner.goto(f"/employer/bursa/{fair_id}/booth")
    expect(scanner.get_by_role("button", name="Pindai dengan kamera")).to_be_visible()
    assert not loaded, "the QR decoder loaded with the page instead of when a scan starts"
    scanner.screenshot(path=screenshot_dir / "fair-booth-2-scanner-360.png", full_page=True)
    _check_phone_page(scanner)
    scanner.get_by_label("Atau foto kartunya").set_input_files(
        {"name": "kartu.png", "mimeType": "image/png", "buffer": _qr_png(dewi_code)})
    expect(scanner.get_by_role("heading", level=1)).to_have_text("Dewi Lestari")
    assert loaded, "the QR decoder was not loaded for the scan"
    row = scanner.get_by_role("listitem").filter(has_text=vacancy_title)
    with scanner.expect_response(lambda r: r.request.method == "POST" and "/booth/" in r.url) as answer:
        row.get_by_role("button", name="Wawancara di tempat").click()
    assert answer.value.status == 200 and answer.value.json()["changed"] is True
    expect(row.locator("[data-booth-state]")).to_have_text("Wawancara di tempat")
    expect(scanner.locator("[data-booth-queue]")).to_contain_text("Wawancara di tempat tercatat.")
    scanner_watch.check("at the booth with JavaScript")
    scanner.screenshot(path=screenshot_dir / "fair-booth-3-scanned-360.png", full_page=True)

    # One record and one referral in "wawancara" per resident, with the fair as its source.
    matches = db.session.scalars(select(Match).where(Match.vacancy_id == vacancy_id)).all()
    assert sorted((m.seeker.full_name, m.status, m.fair_id) for m in matches) == sorted([
        (budi, "interview", fair_id), ("Dewi Lestari", "interview", fair_id)])
    db.session.remove()
    assert _count(FairRecord) == 2

    # 6. The referral appears for the employer, staff and the resident.
    scanner.goto(f"/employer/vacancies/{vacancy_id}")
    expect(scanner.locator("main")).to_contain_text("Dewi Lestari")
    expect(scanner.locator("main")).to_contain_text(budi)
    log_out(scanner)
    log_in(scanner, "petugas@test.id", app)
    scanner.goto(f"/staff/bursa/{fair_id}")
    records = scanner.get_by_role("region", name="Lamaran warga kelurahan ini")
    expect(records.get_by_role("listitem").filter(has_text="Dewi Lestari")).to_contain_text("Wawancara di tempat")
    expect(records.get_by_role("listitem").filter(has_text=budi)).to_contain_text("Wawancara di tempat")
    log_out(scanner)
    log_in(scanner, "dewi@test.id")
    referral = scanner.get_by_role("region", name="Rujukan saya").get_by_role("listitem").filter(has_text=vacancy_title)
    expect(referral).to_be_visible()
    scanner_watch.check("on the referral pages")


def test_booth_taps_without_a_connection_wait_and_are_sent_once(app, world, make, live_server, open_page, screenshot_dir):
    from app.fairs import booth, services

    start = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)
    fair = Fair(kelurahan_id=world.nj.id, name="Bursa Kerja Luring", place="Aula Kelurahan Nusa Jaya",
                starts_at=start, ends_at=start + dt.timedelta(hours=6), scope="kelurahan", capacity=0,
                created_by_id=world.staff.id)
    db.session.add(fair)
    db.session.flush()
    second = make.vacancy(world.company, title="Juru Las")
    joined = services.invite_company(fair, world.company, world.staff)
    services.set_fair_vacancies(fair, joined, {world.vacancy.id, second.id}, world.staff)
    visit = booth.show_pass(services.register_pass(fair, world.seeker, world.warga_user), world.company, world.hrd)
    db.session.commit()
    url = f"/employer/bursa/{fair.id}/booth/{visit.id}"
    titles, first_id = (world.vacancy.title, second.title), world.vacancy.id
    db.session.remove()

    page, watch = open_page(viewport=PHONE)
    log_in(page, "hrd@test.id")
    page.goto(url)
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)

    page.context.set_offline(True)
    page.get_by_role("listitem").filter(has_text=titles[0]).get_by_role("button", name="Wawancara di tempat").click()
    page.get_by_role("listitem").filter(has_text=titles[1]).get_by_role("button", name="Melamar").click()
    # The same tap again waits once.
    page.get_by_role("listitem").filter(has_text=titles[1]).get_by_role("button", name="Melamar").click()
    queue = page.locator("[data-booth-queue]")
    expect(queue).to_contain_text("Tidak tersambung; catatan disimpan di ponsel ini. Menunggu dikirim (2)")
    expect(page.get_by_role("listitem").filter(has_text=titles[1]).locator("[data-booth-state]")).to_have_text(
        "Melamar · menunggu dikirim")
    assert page.evaluate("JSON.parse(localStorage.getItem('lw-booth-queue')).length") == 2
    assert posts == [], f"a tap left the page while offline: {posts}"
    assert _count(FairRecord) == 0
    page.screenshot(path=screenshot_dir / "fair-booth-4-offline-queue-360.png", full_page=True)
    _check_phone_page(page)

    page.context.set_offline(False)
    expect(queue).to_contain_text("Semua catatan terkirim.")
    assert page.evaluate("JSON.parse(localStorage.getItem('lw-booth-queue')).length") == 0
    assert len(posts) == 2, posts
    rows = db.session.execute(select(FairRecord.vacancy_id, FairRecord.outcome)).all()
    db.session.remove()
    assert sorted(o for _v, o in rows) == ["applied", "interview"] and len({v for v, _o in rows}) == 2
    assert _count(Match, Match.status.in_(("applied", "interview"))) == 2
    expect(page.get_by_role("listitem").filter(has_text=titles[0]).locator("[data-booth-state]")).to_have_text(
        "Wawancara di tempat")

    # A queued tap whose answer never came is sent again: the server says success, keeps one record.
    page.evaluate(f"""localStorage.setItem('lw-booth-queue', JSON.stringify([{{
        id: 'again', url: '{url}', vacancy: '{first_id}',
        outcome: 'interview', what: 'ulang',
        token: document.querySelector('input[name=csrf_token]').value}}]))""")
    page.reload()
    expect(queue).to_contain_text("Semua catatan terkirim.")
    assert _count(FairRecord) == 2
    watch.check("at the booth after the connection returned")


def _camera_fair(world) -> tuple[int, str, str]:
    """A fair the company takes part in and a resident's pass to it: (fair id, pass code, name)."""
    from app.fairs import services

    start = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)
    fair = Fair(kelurahan_id=world.nj.id, name="Bursa Kerja Kamera", place="Aula Kelurahan Nusa Jaya",
                starts_at=start, ends_at=start + dt.timedelta(hours=6), scope="kelurahan", capacity=0,
                created_by_id=world.staff.id)
    db.session.add(fair)
    db.session.flush()
    services.set_fair_vacancies(fair, services.invite_company(fair, world.company, world.staff), {world.vacancy.id},
                                world.staff)
    code = services.register_pass(fair, world.seeker, world.warga_user).code
    fair_id, name = fair.id, world.seeker.full_name
    db.session.commit()
    db.session.remove()
    return fair_id, code, name


@contextmanager
def _fake_camera(chromium, live_server, film=None):
    """A phone page in a Chromium with a fake camera that needs no permission: it films `film`
    (a Y4M file) or, without one, Chromium's moving test pattern (no QR code in it)."""
    args = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]
    if film:
        args.append(f"--use-file-for-fake-video-capture={film}")
    browser = chromium.browser_type.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS + args)
    try:
        context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="id-ID",
                                      timezone_id="Asia/Jakarta", service_workers="block", has_touch=True)
        context.set_default_timeout(10_000)
        context.add_init_script(WATCH_SCRIPT)
        page = context.new_page()
        watch = PageWatch(page, live_server)
        page.expose_binding("__lwReportCsp", watch.report_csp)
        yield page, watch
    finally:
        browser.close()


def test_the_booth_reads_a_pass_from_the_camera(app, world, live_server, chromium, tmp_path):
    """The live path: getUserMedia, frames drawn on a canvas and decoded; Chromium's fake camera
    films the pass's QR code."""
    fair_id, code, name = _camera_fair(world)
    film = tmp_path / "kartu.y4m"
    _qr_video(code, film)

    with _fake_camera(chromium, live_server, film) as (page, watch):
        log_in(page, "hrd@test.id")
        page.goto(f"/employer/bursa/{fair_id}/booth")
        page.get_by_role("button", name="Pindai dengan kamera").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        assert _count(FairVisit) == 1
        watch.check("after a scan with the camera")


def test_closing_the_camera_stops_it(app, world, live_server, chromium):
    """"Tutup kamera" hides the picture and turns the camera off: every track the page got has ended,
    also after a double tap on "Pindai dengan kamera" asked for the camera twice."""
    fair_id, _code, _name = _camera_fair(world)

    with _fake_camera(chromium, live_server) as (page, watch):
        page.context.add_init_script(KEEP_STREAMS)
        log_in(page, "hrd@test.id")
        page.goto(f"/employer/bursa/{fair_id}/booth")
        scan = page.locator("[data-scan]")
        start = page.get_by_role("button", name="Pindai dengan kamera")
        stop = page.get_by_role("button", name="Tutup kamera")
        video = scan.locator("[data-scan-view] video")

        for opens in (start.click, start.dblclick):
            opens()
            expect(video).to_be_visible()
            expect(stop).to_be_visible()
            expect(start).to_be_hidden()
            expect(scan.get_by_role("status")).to_have_text("Arahkan kamera ke kode QR kartu peserta.")
            video.evaluate("v => v.currentTime > 0 || new Promise((r) => v.addEventListener('timeupdate', r, {once: true}))")
            assert page.evaluate(LIVE_TRACKS) > 0

            stop.click()
            expect(video).to_have_count(0)
            expect(scan.locator("[data-scan-view]")).to_be_hidden()
            expect(stop).to_be_hidden()
            expect(start).to_be_visible()
            expect(start).to_be_focused()
            expect(scan.get_by_role("status")).to_have_text("")
            assert page.evaluate(LIVE_TRACKS) == 0, "the camera is still on after \"Tutup kamera\""
        assert page.evaluate("window.__streams.length") >= 2
        watch.check("after closing the camera")


def test_the_booth_without_a_camera_says_so_and_takes_the_typed_code(app, world, live_server, open_page):
    """The camera refused (NotAllowedError): the page says so where it speaks, shows no picture,
    and the typed code still opens the pass."""
    fair_id, code, name = _camera_fair(world)

    page, watch = open_page(viewport=PHONE)
    page.context.add_init_script(REFUSE_CAMERA)
    log_in(page, "hrd@test.id")
    page.goto(f"/employer/bursa/{fair_id}/booth")
    scan = page.locator("[data-scan]")
    page.get_by_role("button", name="Pindai dengan kamera").click()
    expect(scan.get_by_role("status")).to_have_text("Kamera tidak bisa dibuka. Pakai foto kartu atau ketik kodenya.")
    expect(scan.locator("[data-scan-view]")).to_be_hidden()
    expect(page.get_by_role("button", name="Tutup kamera")).to_be_hidden()
    expect(page.get_by_role("button", name="Pindai dengan kamera")).to_be_visible()
    expect(page.get_by_label("Atau foto kartunya")).to_be_visible()
    watch.check("after the camera was refused")

    page.get_by_label("Kode kartu peserta").fill(code.lower())
    page.get_by_role("button", name="Buka kartu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    assert _count(FairVisit) == 1
