# ruff: noqa: E501  (translation table: one source string per line, as lupdate sees it)
"""Refresh the Japanese translation: lupdate the UI sources, fill what this table knows,
compile with lrelease. Run from the repository root:

    .venv/bin/python resources/translations/update.py

Strings the table does not know stay "unfinished", and tests/test_ui_i18n.py fails until a
translation is added here (or in Qt Linguist).
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "elevate_tray_ja.ts"
BIN = Path(sys.executable).parent

JA = {
    "Menu": "メニュー",
    "SANDBOX": "サンドボックス",
    "No admin rights: elevate from the menu.": "管理者権限はありません。メニューから昇格できます。",
    "%1 h %2 min": "%1 時間 %2 分",
    "%1 h": "%1 時間",
    "%1 min": "%1 分",
    "Extend %1": "%1 を延長",
    "Elevate to %1": "%1 に昇格",
    "%1 in account %2": "アカウント %2 の %1",
    "Looking up your MFA device…": "MFA デバイスを確認しています…",
    "The role allows at most %1.": "このロールの上限は %1 です。",
    "optional: why you need admin rights": "任意: 管理者権限が必要な理由",
    "Open the AWS console": "AWS コンソールを開く",
    "Target:": "対象:",
    "Device:": "デバイス:",
    "&Code:": "コード(&C):",
    "&Duration:": "時間(&D):",
    "&Reason:": "理由(&R):",
    "&Elevate": "昇格(&E)",
    "Cancel": "キャンセル",
    "unknown": "不明",
    "Waiting %1 s for a fresh code: the current one was already used.": "新しいコードまで %1 秒待っています。現在のコードは使用済みです。",
    "Code filled from the TOTP secret kept in your keyring.": "キーリングに保存した TOTP シークレットからコードを入力しました。",
    "Something unexpected went wrong (%1); the log has the details.": "予期しないエラーが発生しました (%1)。詳細はログにあります。",
    "elevate-tray settings": "elevate-tray の設定",
    "the default browser; {url} is replaced by the address": "既定のブラウザー。{url} はアドレスに置き換わります",
    "Sign out of the AWS console when admin rights end": "管理者権限の終了時に AWS コンソールからサインアウトする",
    "minutes before the end, e.g. 5, 1": "終了の何分前か (例: 5, 1)",
    "Start elevate-tray when I log in": "ログイン時に elevate-tray を起動する",
    "Default &duration:": "既定の時間(&D):",
    "&Browser command:": "ブラウザーのコマンド(&B):",
    "&Warnings (minutes):": "警告 (分前)(&W):",
    "Warnings are minutes before the end, like 5, 1 (each 1 to 120).": "警告は終了の何分前かを 5, 1 のように指定します (それぞれ 1〜120)。",
    "Could not change start at login: %1": "ログイン時の起動を変更できませんでした: %1",
    "%1 s left": "残り %1 秒",
    "about %1 h left": "残り約 %1 時間",
    "%1 min left": "残り %1 分",
    "until %1": "%1 まで",
    "Elevating to %1…": "%1 に昇格中…",
    "ADMIN": "管理者",
    "Read-only": "読み取り専用",
    "No system tray is available on this desktop (on GNOME, the AppIndicator extension provides one), so elevate-tray shows this window instead.": "このデスクトップにはシステムトレイがありません (GNOME では AppIndicator 拡張機能で使えます)。そのため elevate-tray はこのウィンドウを表示しています。",
    "Admin rights in %1 ended: you are read-only again.": "%1 の管理者権限が終了しました。読み取り専用に戻りました。",
    "Read-only again": "読み取り専用に戻りました",
    "You are admin in %1 until %2.": "%2 まで %1 の管理者です。",
    "Admin": "管理者",
    "Admin rights in %1 end at %3 (%2).": "%1 の管理者権限は %3 に終了します (%2)。",
    "Admin rights ending": "管理者権限がまもなく終了",
    "Extend…": "延長…",
    "Copied": "コピーしました",
    "A credential_process profile for %1 is on the clipboard: paste it into ~/.aws/config.": "%1 の credential_process プロファイルをクリップボードにコピーしました。~/.aws/config に貼り付けてください。",
    "Something unexpected went wrong; the log has the details.": "予期しないエラーが発生しました。詳細はログにあります。",
    "elevate-tray": "elevate-tray",
    "The setup wizard is not in this build; run `elevate-tray setup plan` in a terminal.": "このビルドにはセットアップウィザードがありません。ターミナルで `elevate-tray setup plan` を実行してください。",
    "No target is configured yet": "対象がまだ設定されていません",
    "&Extend…": "延長(&E)…",
    "&Elevate…": "昇格(&E)…",
    "Open &console": "コンソールを開く(&C)",
    "&Drop now": "今すぐ終了(&D)",
    "Drop and &revoke in AWS": "終了して AWS で失効(&R)",
    "Copy credential_&process profile": "credential_process プロファイルをコピー(&P)",
    "Countdown &window": "カウントダウンウィンドウ(&W)",
    "&Settings…": "設定(&S)…",
    "Set up an &account…": "アカウントをセットアップ(&A)…",
    "&Quit": "終了(&Q)",
}


def sources() -> list[str]:
    ui = ROOT / "elevate_tray" / "ui"
    return [str(p) for p in sorted(ui.glob("*.py")) if p.name != "workers.py"]


def main() -> int:
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *sources(),
            "-ts",
            str(TS),
        ],
        check=True,
        cwd=ROOT,
    )
    tree = ET.parse(TS)
    tree.getroot().set("language", "ja_JP")
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if source in JA:
            translation.text = JA[source]
            translation.attrib.pop("type", None)
        elif translation.get("type") == "unfinished":
            missing.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(TS.with_suffix(".qm"))],
        check=True,
        cwd=ROOT,
    )
    for source in missing:
        print(f"untranslated: {source!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
