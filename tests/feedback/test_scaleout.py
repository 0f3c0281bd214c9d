"""Scale-out for real: two app servers on one PostgreSQL; a comment sent through one appears in
the staff view of both. Driven in Debian's Chromium with Playwright."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from contextlib import ExitStack

import pytest

from arshan_data.feedback.auth import hash_password

from ..conftest import REPO, require
from ..servers import CHROMIUM, CHROMIUM_ARGS, free_port, wait_healthy

PASSWORD = "scale-out staff password"
MESSAGE = "两台服务器共用一个数据库：这条意见应在两边的工作人员页面都能看到。"
pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.postgres]


def start_server(port: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_a_comment_sent_through_one_server_is_in_the_staff_view_of_both(pg_url, tiny_settings, tmp_path):
    require(CHROMIUM.exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    require(importlib.util.find_spec("playwright") is not None, "the playwright package is missing")
    import playwright.sync_api as playwright

    env = {k: v for k, v in os.environ.items() if not k.startswith("ARSHAN_")}
    env.update(
        ARSHAN_FEEDBACK_STORE=pg_url,
        ARSHAN_LAYERS_DIR=str(tiny_settings.layers_dir),
        ARSHAN_STAFF_PASSWORD_HASH=hash_password(PASSWORD, iterations=10_000),
        ARSHAN_MIN_SUBMIT_SECONDS="0",
    )
    ports = [free_port(), free_port()]
    with ExitStack() as stack:
        servers = [start_server(port, env) for port in ports]
        for server in servers:
            stack.callback(stop, server)
        for port, server in zip(ports, servers, strict=True):
            wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", server, log=server.stderr.read)

        expect = playwright.expect
        expect.set_options(timeout=45_000)
        pw = stack.enter_context(playwright.sync_playwright())
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        page = browser.new_page(viewport={"width": 1280, "height": 1800})

        # A resident comments through the first server.
        page.goto(f"http://127.0.0.1:{ports[0]}/feedback?lang=zh")
        page.locator(".st-key-fb_stance").get_by_text("建议", exact=True).click()
        topic = page.locator(".st-key-fb_topic input")
        topic.fill("交通")
        topic.press("Enter")
        # A place puts the ~1 km marker on the map; a click one square east corrects it.
        place = page.locator(".st-key-fb_place input")
        place.fill("测试seats")
        place.press("Enter")
        chosen = page.get_by_text("已选位置：方格")
        expect(chosen).to_be_visible()
        first_cell = chosen.inner_text()
        deck = page.get_by_test_id("stDeckGlJsonChart").locator("canvas").first
        expect(deck).to_be_visible()
        box = deck.bounding_box()
        for _attempt in range(15):  # the zoomed map draws a moment after the rerun: click until it picks
            page.mouse.click(box["x"] + box["width"] / 2 + 40, box["y"] + box["height"] / 2 + 5)
            try:
                expect(chosen).not_to_have_text(first_cell, timeout=2_000)
                break
            except AssertionError:
                continue
        expect(chosen).not_to_have_text(first_cell)
        cell = re.search(r"c\d+_\d+", chosen.inner_text()).group(0)
        page.locator(".st-key-fb_message textarea").fill(MESSAGE)
        page.locator(".st-key-fb_message textarea").blur()
        page.locator(".st-key-fb_submit button").click()
        expect(page.get_by_text("谢谢！您的意见已保存。")).to_be_visible()
        page.screenshot(path=str(tmp_path / "receipt.png"))
        reference = re.search(r"AR-[0-9A-Z]{4}-[0-9A-Z]{4}", page.locator("code").first.inner_text()).group(0)

        # Staff on either server find it.
        for port in ports:
            staff = browser.new_page(viewport={"width": 1280, "height": 1800})
            staff.goto(f"http://127.0.0.1:{port}/staff?lang=zh")
            staff.locator(".st-key-staff_password input").fill(PASSWORD)
            staff.get_by_role("button", name="登录").click()
            expect(staff.get_by_text("共1条")).to_be_visible()
            choose = staff.locator(".st-key-staff_ref input")
            choose.fill(reference)
            choose.press("Enter")
            expect(staff.get_by_role("heading", name=reference)).to_be_visible()
            # The comment as plain text (st.text) in the detail, not only in the table's grid.
            expect(staff.get_by_test_id("stText").filter(has_text=MESSAGE)).to_be_visible()
            expect(staff.get_by_text(cell)).to_be_visible()  # the picked square, in the caption
            staff.screenshot(path=str(tmp_path / f"staff-{port}.png"), full_page=True)
            staff.close()
