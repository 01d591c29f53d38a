# ruff: noqa: E501  (translation table: one source string per line, as lupdate sees it)
"""Refresh the Japanese translation: lupdate the UI sources, add the core's sentences
(context "CoreErrors", collected by core_text.py: lupdate cannot see them), fill what these
tables know, compile with lrelease. Run from the repository root:

    .venv/bin/python resources/translations/update.py

Strings the tables do not know stay "unfinished", and tests/test_ui_i18n.py fails until a
translation is added here (or in Qt Linguist). UI strings use %1, %2 and core sentences
{name} placeholders; a translation keeps every placeholder of its source.
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

sys.path.insert(0, str(HERE))
import core_text  # noqa: E402  (beside this script)

JA = {
    # -- issue 16, the tray's targets of an organization (wt-targets) --
    "Type to filter targets…": "入力して対象を絞り込む…",
    "No target matches": "一致する対象はありません",
    "%1 in %2": "%2 の %1",
    # -- end of wt-targets' tray block --
    "Log out of the console": "コンソールからログアウト",
    # -- issue 12, the browser per target (wt-browsers) --
    "Browser per target": "対象ごとのブラウザー",
    "a command; {url} is replaced by the address": "コマンド。{url} はアドレスに置き換わります",
    "Log out of the old console session first": "先に古いコンソールセッションからログアウトする",
    "&Target:": "対象(&T):",
    "B&rowser:": "ブラウザー(&R):",
    "&Profile:": "プロファイル(&P):",
    "Browser &command:": "ブラウザーのコマンド(&C):",
    "App default": "アプリの既定",
    "System default": "システムの既定",
    "%1, container per target": "%1 (対象ごとのコンテナー)",
    "Custom command…": "カスタムコマンド…",
    "%1 (not found)": "%1 (見つかりません)",
    "The browser's default profile": "ブラウザーの既定のプロファイル",
    "The “Open external links in a container” extension is not installed in the Firefox profile %1, so Firefox would search the web instead of opening the console for %2: install the extension in that profile, or choose another browser.": "Firefox のプロファイル %1 には拡張機能「Open external links in a container」がインストールされていないため、Firefox は %2 のコンソールを開かずにウェブ検索をしてしまいます。そのプロファイルに拡張機能をインストールするか、別のブラウザーを選んでください。",
    "The custom browser of %1 needs a Browser command that starts with a program, like: firefox --new-window {url}.": "%1 のカスタムブラウザーには、プログラムで始まる「ブラウザーのコマンド」が必要です (例: firefox --new-window {url})。",
    # -- end of wt-browsers' block --
    # -- issue 11, the wizard's adoption, widenings and failed apply (wt-s3) --
    "Apply stays disabled until every item that exists, is not managed by this setup and would change is adopted.": "このセットアップの管理外で既に存在し、変更される項目をすべて引き継ぐまで、[適用] は無効のままです。",
    "Apply stays disabled until you accept the widenings of what you adopt.": "引き継ぐ項目の権限拡大を承認するまで、[適用] は無効のままです。",
    "(no document)": "(ドキュメントなし)",
    "Gives more than before: %1": "これまでより多くを許可します: %1",
    "%1: exists, not managed by this setup": "%1: 既に存在し、このセットアップの管理外です",
    "Adopt %1": "%1 を引き継ぐ",
    "This setup cannot adopt it.": "このセットアップでは引き継げません。",
    "Cannot be adopted: %1": "引き継げません: %1",
    "Now and after apply (JSON)": "現在と適用後 (JSON)",
    "Now": "現在",
    "After apply": "適用後",
    "I accept these widenings": "これらの権限拡大を承認します",
    "exists, not managed by this setup": "既に存在し、このセットアップの管理外です",
    "Step %1 of %2 failed: %3 Nothing was changed before it; running Apply again starts there.": "ステップ %1/%2 に失敗しました: %3 それより前には何も変更していません。もう一度 [適用] を実行するとそこから始まります。",
    "Step %1 of %2 failed: %3 Step 1 is done; running Apply again continues from there.": "ステップ %1/%2 に失敗しました: %3 ステップ 1 は完了しています。もう一度 [適用] を実行するとそこから続行します。",
    "Step %1 of %2 failed: %3 Steps 1–%4 are done; running Apply again continues from there.": "ステップ %1/%2 に失敗しました: %3 ステップ 1〜%4 は完了しています。もう一度 [適用] を実行するとそこから続行します。",
    # -- end of wt-s3's block --
    # -- issue 10, the tray's edges (wt-ui2) --
    "Could not save the settings: %1": "設定を保存できませんでした: %1",
    "&Extend": "延長(&E)",
    "Code filled from your kept TOTP secret.": "保存した TOTP シークレットからコードを入力しました。",
    "Click this message for “%1”": "「%1」: このメッセージをクリック",
    "If you quit and keep the session, it stays valid until it expires, and nothing on this computer will drop it at expiry: no warning, no console sign-out, and terminals keep admin rights until then.": "セッションを残したまま終了すると、セッションは期限まで有効なままで、このコンピューター上では期限に降格する処理は何も行われません (警告もコンソールのサインアウトもなく、ターミナルはそれまで管理者権限を持ち続けます)。",
    "Quit and &keep the session": "セッションを残して終了(&K)",
    "Reading the AWS config…": "AWS の設定を読み込んでいます…",
    "&Drop and quit": "降格して終了(&D)",
    "%1: dropped here, revocation in AWS pending": "%1: このコンピューターでは降格済み、AWS での無効化は保留中",
    "No web browser could be opened on this computer: set the browser command in Settings (for example: firefox {url}).": "このコンピューターでは Web ブラウザーを開けませんでした。設定で「ブラウザーのコマンド」を指定してください (例: firefox {url})。",
    "This elevation goes through an MFA session (role chaining), which AWS limits to 1 hour: choose a duration of 1 h or less.": "この昇格は MFA セッションを経由する (ロールの連鎖) ため、AWS により 1 時間に制限されています。1 時間以下の期間を選んでください。",
    "The requested duration is longer than the role allows (its MaxSessionDuration): choose a shorter duration, or ask the admin to raise the role's maximum.": "要求した期間はロールの上限 (MaxSessionDuration) を超えています。より短い期間を選ぶか、管理者にロールの上限を引き上げてもらってください。",
    "The session's credentials have expired: elevate again from the menu.": "セッションの認証情報の有効期限が切れました。メニューからもう一度昇格してください。",
    "Dropped %1 here, but the revocation in AWS is pending: %2 Retry with “Drop and revoke in AWS” in the menu; it ends by itself at %3, when the session would have expired.": "%1 はこのコンピューターでは降格しましたが、AWS での無効化は保留中です: %2 メニューの「降格して AWS で無効化」でやり直してください。セッションが期限切れになるはずの %3 に保留は自動的に終わります。",
    # -- end of wt-ui2's block --
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
    "&Drop now": "今すぐ降格(&D)",
    "Drop and &revoke in AWS": "降格して AWS で無効化(&R)",
    "Copy credential_&process profile": "credential_process プロファイルをコピー(&P)",
    "Countdown &window": "カウントダウンウィンドウ(&W)",
    "&Settings…": "設定(&S)…",
    "Set up an &account…": "アカウントをセットアップ(&A)…",
    "&Quit": "終了(&Q)",
    # -- the setup wizard (context "Wizard") --
    "Set up elevate-tray for an AWS account": "AWS アカウントに elevate-tray をセットアップ",
    "Something unexpected went wrong: %1": "予期しないエラーが発生しました: %1",
    "Read-only by default, admin when you mean it": "普段は読み取り専用、必要なときだけ管理者に",
    'This wizard sets up an AWS account so that people work read-only every day and become admin only deliberately: with an MFA code, for a limited time.\n\nIt creates:\n • an IAM group whose members can read everything (ReadOnlyAccess), manage their own password, keys and MFA device, and do nothing else without MFA;\n • an admin role that members may assume, only with an MFA code;\n • on this computer, a profile (a "target") to elevate with.\n\nYou will see every policy document before anything is changed. Running the wizard again changes nothing that is already right, and the setup can be removed again with `elevate-tray setup teardown`.': "このウィザードは、日常の作業は読み取り専用で行い、管理者になるのは必要なときだけ (MFA コードを入力し、時間を限って) となるように AWS アカウントを設定します。\n\n作成されるもの:\n • IAM グループ: メンバーはすべてを読み取り (ReadOnlyAccess)、自分のパスワード、アクセスキー、MFA デバイスを管理できます。MFA なしではそれ以外の操作はできません。\n • 管理者ロール: メンバーが MFA コードを使う場合にのみ引き受けられます。\n • このコンピューター上の、昇格に使うプロファイル (「対象」)。\n\n変更を加える前に、すべてのポリシードキュメントが表示されます。ウィザードを再度実行しても、すでに正しい設定は変更されません。セットアップは `elevate-tray setup teardown` で削除できます。",
    "Admin profile and account": "管理者プロファイルとアカウント",
    "Choose the AWS profile whose keys may create IAM groups and roles.": "IAM グループとロールを作成できるキーを持つ AWS プロファイルを選択してください。",
    "only if your user is already in the group": "ユーザーがすでにグループに所属している場合のみ",
    "Check": "確認",
    "Admin profile:": "管理者プロファイル:",
    "MFA code (optional):": "MFA コード (任意):",
    "No profile with keys was found in the AWS config; add one with `aws configure --profile admin` and come back.": "AWS の設定にキーを持つプロファイルが見つかりません。`aws configure --profile admin` で追加してから、もう一度お試しください。",
    "Checking the account…": "アカウントを確認しています…",
    "Account %1 (partition %2), as %3.": "アカウント %1 (パーティション %2) に %3 としてアクセスしています。",
    "Names and options": "名前とオプション",
    "The defaults follow the article this setup comes from.": "既定値は、このセットアップの元になった記事に従っています。",
    "Another managed policy (ARN)": "その他の管理ポリシー (ARN)",
    " h": " 時間",
    "Record who elevated in CloudTrail (sts:SetSourceIdentity)": "昇格したユーザーを CloudTrail に記録する (sts:SetSourceIdentity)",
    "Pass the reason as a session tag (sts:TagSession)": "理由をセッションタグとして渡す (sts:TagSession)",
    "Group:": "グループ:",
    "Admin role:": "管理者ロール:",
    "Role permissions:": "ロールの権限:",
    "Longest elevation:": "最長の昇格時間:",
    "Target profile to write:": "書き込む対象プロファイル:",
    "Give the target profile a name without spaces or brackets.": "対象プロファイルには、空白や角かっこを含まない名前を付けてください。",
    "Review the plan": "計画の確認",
    "Nothing has been changed yet. Every policy document is shown.": "まだ何も変更されていません。すべてのポリシードキュメントを表示しています。",
    "Apply": "適用",
    "Comparing the account with the setup…": "アカウントとセットアップ内容を比較しています…",
    "%1 change(s) to make in account %2.": "アカウント %2 に %1 件の変更を加えます。",
    "No changes: the account already matches. Apply writes the target profile on this computer.": "変更はありません。アカウントはすでに設定どおりです。[適用] を押すと、このコンピューターに対象プロファイルを書き込みます。",
    "Note: %1": "注意: %1",
    "%1 trust policy": "%1 の信頼ポリシー",
    "Changes:": "変更点:",
    "Applying": "適用中",
    "Try again": "再試行",
    "Working…": "処理中…",
    "Done. The target profile %1 is written.": "完了しました。対象プロファイル %1 を書き込みました。",
    "running": "実行中",
    "done": "完了",
    "failed": "失敗",
    "Ready": "準備完了",
    "Elevate now": "今すぐ昇格",
    "The account is set up and the target %1 is in your AWS config. Elevate from the tray menu, or in a terminal with `elevate-tray elevate --target %1`; AWS CLI commands use it through the profile %1-cli.": "アカウントのセットアップが完了し、対象 %1 を AWS の設定に追加しました。トレイのメニューから、またはターミナルで `elevate-tray elevate --target %1` を実行して昇格できます。AWS CLI のコマンドはプロファイル %1-cli を通じてこれを使います。",
    "Members": "メンバー",
    "Tick the IAM users who join the read-only group.": "読み取り専用グループに追加する IAM ユーザーを選択してください。",
    "An MFA device for you": "あなたの MFA デバイス",
    "Your user has no MFA device, so it cannot elevate yet. Create a virtual one, scan the QR code with an authenticator app, then enter two consecutive codes.": "あなたのユーザーには MFA デバイスがないため、まだ昇格できません。仮想 MFA デバイスを作成し、認証アプリで QR コードを読み取ってから、連続する 2 つのコードを入力してください。",
    "Create MFA device": "MFA デバイスを作成",
    "first code": "1 つ目のコード",
    "next code": "次のコード",
    "Enable": "有効化",
    "Keep the secret in this computer's keyring": "シークレットをこのコンピューターのキーリングに保存する",
    "Then the app can type the codes for you, but the MFA secret sits on the same computer as your access keys: the two factors become one. That still prevents mistakes, which is what this setup is for; it does not stop an attacker.": "保存するとアプリがコードを自動で入力できますが、MFA シークレットがアクセスキーと同じコンピューターに置かれるため、2 つの要素が 1 つになります。それでも誤操作は防げます (このセットアップの目的はそこにあります) が、攻撃者を防ぐことはできません。",
    "Reading the account's users…": "アカウントのユーザーを読み込んでいます…",
    "you": "あなた",
    "in the group": "グループに所属",
    "MFA device": "MFA デバイスあり",
    "no MFA device": "MFA デバイスなし",
    ", ": "、",
    "Without an MFA device: %1. They can set one up themselves on the console's Security credentials page.": "MFA デバイスのないユーザー: %1。各ユーザーがコンソールの [セキュリティ認証情報] ページで自分で設定できます。",
    "Every user has an MFA device.": "すべてのユーザーに MFA デバイスがあります。",
    "Scan the code, then enter two codes in a row.": "QR コードを読み取り、続けて表示される 2 つのコードを入力してください。",
    "MFA device %1 is enabled.": "MFA デバイス %1 を有効にしました。",
    "Its secret is in the keyring.": "シークレットはキーリングに保存されています。",
    # -- issue 13, mfa_process and the read-only MFA session in the tray (wt-mfaproc) --
    "Code filled from the mfa_process of profile %1.": "プロファイル %1 の mfa_process からコードを入力しました。",
    "Read-only MFA session (%3): %1, until %2": "読み取り専用 MFA セッション (%3): %1、%2 まで",
    "Read-only MFA session: %1, until %2": "読み取り専用 MFA セッション: %1、%2 まで",
    "Read-only MFA session ended": "読み取り専用 MFA セッションが終了しました",
    "AWS commands in terminals need a new MFA code for read-only access.": "ターミナルの AWS コマンドで読み取りを行うには、新しい MFA コードが必要です。",
    "Your read-only MFA session ends at %2 (%1).": "読み取り専用 MFA セッションは %2 に終了します (%1)。",
    "Read-only MFA session ending": "読み取り専用 MFA セッションがまもなく終了",
    # -- issue 13, the tray brokers credentials (wt-broker) --
    "Asked by:": "要求元:",
    "A program asks for credentials. Enter the MFA code to let it have them, or Cancel to refuse.": "プログラムが認証情報を求めています。渡すには MFA コードを入力し、断るには [キャンセル] を押してください。",
    "Read-only session for %1": "%1 の読み取り専用セッション",
    "a read-only MFA session of %1's user": "%1 のユーザーの読み取り専用 MFA セッション",
    "&Allow": "許可(&A)",
    "%1 and %2 more": "%1 ほか %2 件",
    "a program": "あるプログラム",
    "%1, from %2": "%1 (%2 から)",
    # -- end of wt-broker's block --
    # -- issue 14, the tray's kept access keys (wt-ui) --
    "Rotate the access key of %1": "%1 のアクセスキーをローテーション",
    "Replace the access key %1 of profile %2 with a new one: AWS creates the new key, elevate-tray keeps it in place of the old one, then deactivates and deletes the old key.": "プロファイル %2 のアクセスキー %1 を新しいキーに置き換えます。AWS が新しいキーを作成し、elevate-tray が古いキーの代わりにそれを保管してから、古いキーを無効にして削除します。",
    "&Rotate": "ローテーション(&R)",
    "The code comes from the mfa_process of profile %1.": "コードはプロファイル %1 の mfa_process から取得します。",
    "The code comes from your kept TOTP secret.": "コードは保管されている TOTP シークレットから生成します。",
    "AWS needs one more MFA code to delete the old key: enter the next code.": "古いキーを削除するには、MFA コードがもう 1 つ必要です。次のコードを入力してください。",
    "no second MFA code was given": "2 つ目の MFA コードが入力されませんでした",
    "never (0)": "通知しない (0)",
    " days": " 日",
    "Remind me to rotate access &keys every:": "アクセスキーのローテーションを通知する間隔(&K):",
    "Rotate access &key…": "アクセスキーをローテーション(&K)…",
    "Rotate access &key (%1 days old)…": "アクセスキーをローテーション(&K) (%1 日経過)…",
    "Rotate access key of %1…": "%1 のアクセスキーをローテーション…",
    "Rotate access key of %1 (%2 days old)…": "%1 のアクセスキーをローテーション (%2 日経過)…",
    "The access key of profile %1 was rotated: %2 is in use; %3 is deleted.": "プロファイル %1 のアクセスキーをローテーションしました。%2 を使用中で、%3 は削除しました。",
    "The access key of profile %1 was rotated: %2 is in use; %3 is deactivated, and deleting it needs one more MFA code: rotate again from the tray menu.": "プロファイル %1 のアクセスキーをローテーションしました。%2 を使用中で、%3 は無効化しました。削除にはもう 1 つ MFA コードが必要です。トレイのメニューからもう一度ローテーションしてください。",
    "Access key rotated": "アクセスキーをローテーションしました",
    "Access key not rotated": "アクセスキーをローテーションできませんでした",
    "Access key": "アクセスキー",
    "Rotate…": "ローテーション…",
    "The access key of profile %1 is %2 days old; rotate it from the tray menu.": "プロファイル %1 のアクセスキーは作成から %2 日経過しています。トレイのメニューからローテーションしてください。",
    "The new key %1 is in use, but the old key %2 was not deleted (%3): rotate again from the tray menu to delete it.": "新しいキー %1 を使用中ですが、古いキー %2 は削除されていません (%3)。トレイのメニューからもう一度ローテーションして削除してください。",
    "AWS did not accept the new key %1 within %2 s and it could not be deleted; the key %3 stays in use: rotate again from the tray menu to clean up.": "AWS が新しいキー %1 を %2 秒以内に受け付けず、そのキーを削除することもできませんでした。キー %3 を引き続き使用します。トレイのメニューからもう一度ローテーションして片付けてください。",
    # -- end of wt-ui's block --
    # -- issue 15, receipts in the tray (wt-tray) --
    "Collecting it needs an MFA code for a read-only session.": "収集するには読み取り専用セッションの MFA コードが必要です。",
    "Give a code": "コードを入力",
    "1 change": "変更 1 件",
    "%1 changes": "変更 %1 件",
    "1 read call": "読み取り呼び出し 1 件",
    "%1 read calls": "読み取り呼び出し %1 件",
    "Receipt for %1": "%1 の操作記録",
    "Show the receipt": "操作記録を表示",
    "collecting…": "収集中…",
    "still running": "実行中",
    "expired": "期限切れ",
    "dropped": "降格",
    "dropped and revoked": "降格して無効化",
    "replaced by a new elevation": "新しい昇格に置き換え",
    "ended": "終了",
    "now": "現在",
    "(%1 min)": "(%1 分)",
    "Final: every event of the session has reached CloudTrail.": "確定: セッションのすべてのイベントが CloudTrail に届きました。",
    "Still collecting: the session is still running.": "収集中: セッションはまだ実行中です。",
    "Still collecting: events reach CloudTrail minutes after the call; final after %1.": "収集中: イベントは呼び出しの数分後に CloudTrail に届きます。%1 以降に確定します。",
    "failed: %1": "失敗: %1",
    "ok": "成功",
    "console": "コンソール",
    "CLI/SDK": "CLI/SDK",
    "Time": "時刻",
    "Region": "リージョン",
    "Service": "サービス",
    "Action": "操作",
    "Resources": "リソース",
    "Result": "結果",
    "Via": "経由",
    "Your admin session in %1 ended. To read what it changed from CloudTrail, elevate-tray needs a read-only MFA session: enter an MFA code. Cancel to skip; “Recent sessions” in the menu can collect it later.": "%1 の管理者セッションが終了しました。このセッションで何を変更したかを CloudTrail から読み取るには、読み取り専用の MFA セッションが必要です。MFA コードを入力してください。[キャンセル] で今回は見送れます。あとでメニューの「最近のセッション」から収集できます。",
    "&Collect": "収集(&C)",
    "&Refresh": "更新(&R)",
    "Copy as &Markdown": "Markdown としてコピー(&M)",
    "&Close": "閉じる(&C)",
    "role %1 in account %2": "アカウント %2 のロール %1",
    "Session %1 · key %2": "セッション %1 · キー %2",
    "Reason: %1": "理由: %1",
    "No changes.": "変更はありません。",
    "elevate-tray's own calls (not counted): %1": "elevate-tray 自身の呼び出し (数えていません): %1",
    "Last collection: %1": "前回の収集: %1",
    "Collecting from CloudTrail…": "CloudTrail から収集しています…",
    "The receipt is on the clipboard, as Markdown.": "操作記録を Markdown としてクリップボードにコピーしました。",
    "Rece&nt sessions": "最近のセッション(&N)",
    # -- end of wt-tray's block --
}

# The core's sentences (context "CoreErrors"): fixed ones, and Phrase templates whose {name}
# parts are filled in by elevate_tray/ui/error_text.py. The "action" Phrases are put into
# sentences such as "AWS refused to {action} ...", so they are noun phrases here.
JA_CORE = {
    # -- issue 16, the published account list (wt-targets) --
    "The partition '{partition}' has no published account list Region; use aws, aws-cn or aws-us-gov.": "パーティション '{partition}' にはアカウント一覧を公開するリージョンがありません。aws、aws-cn、aws-us-gov のいずれかを使ってください。",
    "The account {account} has a name too long to publish; shorten it.": "アカウント {account} の名前が長すぎて公開できません。短くしてください。",
    "The published account list is not valid (part {part}: {why}); ask your admin to run `elevate-tray setup org publish`.": "公開されたアカウント一覧が正しくありません (パート {part}: {why})。管理者に `elevate-tray setup org publish` の実行を依頼してください。",
    "The published account list has no parts; ask your admin to run `elevate-tray setup org publish`.": "公開されたアカウント一覧にパートがありません。管理者に `elevate-tray setup org publish` の実行を依頼してください。",
    "The published account list has version {version}, which this elevate-tray cannot read; update elevate-tray.": "公開されたアカウント一覧はバージョン {version} で、この elevate-tray では読めません。elevate-tray を更新してください。",
    "The published account list is incomplete (part {part} of {parts} is missing or from another publication); ask your admin to run `elevate-tray setup org publish`.": "公開されたアカウント一覧が不完全です ({parts} 個中のパート {part} が無いか、別の公開のものです)。管理者に `elevate-tray setup org publish` の実行を依頼してください。",
    "the field {field} is missing or not text": "フィールド {field} が無いか、テキストではありません",
    "the field {field} is missing or not a positive number": "フィールド {field} が無いか、正の数ではありません",
    "the field {field} is missing or not a list": "フィールド {field} が無いか、リストではありません",
    "an account is not a JSON object": "アカウントが JSON オブジェクトではありません",
    # -- issue 16 round 2, the live account list (wt-live) --
    "an OU is not a JSON object": "OU が JSON オブジェクトではありません",
    "The chosen OUs and the account filter are too long to publish; choose fewer.": "選んだ OU とアカウントフィルターが長すぎて公開できません。数を減らしてください。",
    "An organizational unit of the published account list is no longer in the organization {organization}; ask your admin to run `elevate-tray setup org apply` with the OUs to use now.": "公開されたアカウント一覧の組織単位 (OU) が組織 {organization} にもうありません。今使う OU を指定して `elevate-tray setup org apply` を実行するよう管理者に依頼してください。",
    "Organizations did not let your read-only session read the organization ({code}), so these are the accounts of the list published at {published}; an account that joined its OUs since then appears once your admin runs `elevate-tray setup org publish`.": "Organizations が読み取り専用セッションによる組織の読み取りを許可しなかった ({code}) ため、{published} に公開された一覧のアカウントを使います。その後 OU に加わったアカウントは、管理者が `elevate-tray setup org publish` を実行すると表示されます。",
    "read the accounts of the organization {organization}": "組織 {organization} のアカウントを読み取る",
    # -- end of wt-live's block --
    "the account ID {id} is not 12 digits": "アカウント ID {id} が 12 桁ではありません",
    "the value is not JSON": "値が JSON ではありません",
    "the value is not a JSON object": "値が JSON オブジェクトではありません",
    "Name the profile with your IAM user's keys: elevate-tray targets sync --profile NAME (profiles: {names}).": "IAM ユーザーのキーを持つプロファイルを指定してください: elevate-tray targets sync --profile NAME (プロファイル: {names})。",
    "read the published account list in account {account}": "アカウント {account} で公開されたアカウント一覧の読み取り",
    "No account list is published in account {account}; ask your admin to run `elevate-tray setup org apply`.": "アカウント {account} にはアカウント一覧が公開されていません。管理者に `elevate-tray setup org apply` の実行を依頼してください。",
    "Profile '{profile}' exists and was not written by targets sync, so it is left as it is; account {name} ({account}) is '{other}'.": "プロファイル '{profile}' は既に存在し、targets sync が書いたものではないため、そのままにします。アカウント {name} ({account}) は '{other}' になります。",
    # -- end of wt-targets' account list block --
    # -- issue 15, the receipt's sentences the tray shows (wt-tray) --
    "read CloudTrail's event history in {region}": "{region} の CloudTrail イベント履歴の読み取り",
    "list the account's Regions": "アカウントのリージョンの一覧表示",
    "Looked in {regions} only: these credentials cannot list the account's Regions (ec2:DescribeRegions).": "{regions} だけを調べました。この認証情報ではアカウントのリージョンを一覧表示できません (ec2:DescribeRegions)。",
    "This computer could not keep the receipt ({problem}); free space and try again.": "このコンピューターに操作記録を保存できませんでした ({problem})。空き容量を確保してもう一度お試しください。",
    "Collecting the receipt for {target} needs a read-only MFA session; give a code with --code, or start one with `elevate-tray credentials --readonly --target {target}`.": "{target} の操作記録の収集には読み取り専用の MFA セッションが必要です。--code でコードを指定するか、`elevate-tray credentials --readonly --target {target}` でセッションを開始してください。",
    "There is no receipt yet: receipts are kept for admin sessions from now on; elevate, and `elevate-tray receipt` shows what the session changed.": "操作記録はまだありません。これからの管理者セッションについて操作記録を残します。昇格すると、`elevate-tray receipt` でそのセッションが何を変更したかを表示できます。",
    "There is no session {id}: `elevate-tray sessions` lists the recent ones.": "セッション {id} はありません。最近のセッションは `elevate-tray sessions` で一覧表示できます。",
    # -- end of wt-tray's block --
    # -- issue 16 round 2, the organization's resource policy (wt-policy) --
    "describe the organization's resource policy": "組織のリソースポリシーの取得",
    "every principal of the identity account {identity} whose own policies allow organizations:Describe*/List* (ReadOnlyAccess does) can read the OU structure and the accounts' IDs, names and e-mail addresses": "ID アカウント {identity} のプリンシパルのうち、自身のポリシーが organizations:Describe*/List* を許可するもの (ReadOnlyAccess は許可します) はすべて、OU の構成とアカウントの ID・名前・メールアドレスを読み取れます",
    "put the organization's resource policy (statement {sid}): the identity account {identity} may read the OUs and their accounts, so `targets sync` sees accounts that join them": "組織のリソースポリシーを設定します (ステートメント {sid}): ID アカウント {identity} が OU とそのアカウントを読み取れるようになり、`targets sync` は OU に加わるアカウントを認識します",
    "the organization's resource policy lets the identity account {identity} read the OUs and their accounts": "組織のリソースポリシーにより、ID アカウント {identity} は OU とそのアカウントを読み取れます",
    "keep the organization's resource policy: it was not put by elevate-tray": "組織のリソースポリシーはそのままにします: elevate-tray が設定したものではありません",
    "merge the statement {sid} into the organization's resource policy (teardown puts the previous document back)": "組織のリソースポリシーにステートメント {sid} を追加します (teardown で以前のドキュメントに戻します)",
    "update the statement {sid} of the organization's resource policy": "組織のリソースポリシーのステートメント {sid} を更新します",
    "delete the organization's resource policy (only elevate-tray's statement)": "組織のリソースポリシーを削除します (elevate-tray のステートメントのみ)",
    "remove the statement {sid} from the organization's resource policy, which puts back the document it had before": "組織のリソースポリシーからステートメント {sid} を取り除き、以前のドキュメントに戻します",
    "Accounts that join these OUs later get the roles by auto-deployment, and `targets sync` lists them with no re-publish: the organization's resource policy lets the identity account read the OUs.": "後からこれらの OU に加わるアカウントには自動デプロイでロールが作成され、`targets sync` は再公開なしで一覧表示します。組織のリソースポリシーにより ID アカウントが OU を読み取れるためです。",
    "The organization already has a resource policy that elevate-tray did not put: it is left alone, so `targets sync` sees accounts that join these OUs only after `elevate-tray setup org publish`; --adopt {name} merges elevate-tray's statement into it (teardown puts it back).": "組織には elevate-tray が設定していないリソースポリシーがすでにあります。そのままにするため、`targets sync` がこれらの OU に加わるアカウントを認識するのは `elevate-tray setup org publish` の後になります。--adopt {name} を付けると elevate-tray のステートメントを追加します (teardown で元に戻します)。",
    "Only the management account can put the organization's resource policy, so `targets sync` sees accounts that join these OUs only after `elevate-tray setup org publish`; an apply with the management account's profile lets it read them live.": "組織のリソースポリシーを設定できるのは管理アカウントだけです。そのため `targets sync` がこれらの OU に加わるアカウントを認識するのは `elevate-tray setup org publish` の後になります。管理アカウントのプロファイルで apply すると、その場で読み取れるようになります。",
    # -- issue 16, the organization setup (wt-org) --
    "'{account}' is not an AWS account ID (12 digits); --accounts takes IDs separated by commas.": "'{account}' は AWS アカウント ID (12 桁) ではありません。--accounts には ID をカンマ区切りで指定します。",
    "'{ou}' is not an organizational unit ID (ou-xxxx-xxxxxxxx) or a root ID (r-xxxx); `aws organizations list-roots` and `list-organizational-units-for-parent` show them.": "'{ou}' は組織単位 ID (ou-xxxx-xxxxxxxx) でもルート ID (r-xxxx) でもありません。`aws organizations list-roots` と `list-organizational-units-for-parent` で確認できます。",
    "Accounts that join these OUs later get the roles by auto-deployment; run `elevate-tray setup org publish` then, so that `targets sync` lists them.": "後からこれらの OU に加わるアカウントには自動デプロイでロールが作成されます。そのときは `elevate-tray setup org publish` を実行して、`targets sync` に一覧表示されるようにしてください。",
    "Name at least one organizational unit with --ou ou-....": "--ou ou-... で組織単位を少なくとも 1 つ指定してください。",
    "The StackSet operation {operation}": "StackSet のオペレーション {operation}",
    "The StackSet operation {operation} of an earlier apply is still running; apply follows it to its end first.": "以前の apply の StackSet オペレーション {operation} がまだ実行中です。apply はまずその終了まで追跡します。",
    "The account(s) {accounts} given with --accounts are not in the chosen OUs ({ous}); --accounts only narrows the OUs' accounts.": "--accounts で指定したアカウント {accounts} は選んだ OU ({ous}) にありません。--accounts は OU のアカウントを絞り込むだけです。",
    "The group's assume policy allows {role} and {readonly} in any account (arn:{partition}:iam::*:role/...): a member may assume a role of those names wherever its trust policy admits the identity account {identity} with MFA, so an account joining the OUs needs no change on the identity side. The alternative is to list the account IDs in the policy, at the cost of an identity-side change for every new account.": "グループの引き受けポリシーは、あらゆるアカウントの {role} と {readonly} を許可します (arn:{partition}:iam::*:role/...)。メンバーは、信頼ポリシーが ID アカウント {identity} を MFA 付きで受け入れる限り、どのアカウントでもその名前のロールを引き受けられます。そのため OU に加わるアカウントに ID 側の変更は不要です。代わりにポリシーにアカウント ID を列挙することもできますが、新しいアカウントのたびに ID 側の変更が必要になります。",
    "The management account {account} is among the chosen accounts and StackSets never deploy there; run with the management account's profile as --org-profile to deploy it as a plain stack, or leave it out with --accounts.": "管理アカウント {account} が選んだアカウントに含まれていますが、StackSets は管理アカウントには決してデプロイしません。通常のスタックとしてデプロイするには管理アカウントのプロファイルを --org-profile に指定するか、--accounts で除外してください。",
    "The management account {account} is among the chosen accounts: StackSets never deploy there, so the member template goes there as the plain stack {name}.": "管理アカウント {account} が選んだアカウントに含まれています。StackSets は管理アカウントにはデプロイしないため、メンバーテンプレートを通常のスタック {name} としてデプロイします。",
    "The org profile's account is in no AWS Organization; use the management account's (or a delegated administrator's) profile as --org-profile.": "組織プロファイルのアカウントはどの AWS Organization にも属していません。管理アカウント (または委任管理者) のプロファイルを --org-profile に指定してください。",
    "The org profile's account {account} is not the management account: StackSets are called as its delegated administrator (CallAs=DELEGATED_ADMIN).": "組織プロファイルのアカウント {account} は管理アカウントではありません。StackSets は委任管理者として呼び出します (CallAs=DELEGATED_ADMIN)。",
    "The organization changed since the plan was shown; review the new plan and apply again.": "計画を表示した後に組織が変わりました。新しい計画を確認して、もう一度 apply してください。",
    "The organization changed since the teardown plan was shown; review it again.": "削除計画を表示した後に組織が変わりました。もう一度確認してください。",
    "The plain stack {name} in the management account failed ({reason}); fix that and run `elevate-tray setup org apply` again.": "管理アカウントの通常のスタック {name} が失敗しました ({reason})。原因を直してから、`elevate-tray setup org apply` をもう一度実行してください。",
    "The plain stack {name} is in state {status}; look at it in the CloudFormation console, then run `elevate-tray setup org apply` again.": "通常のスタック {name} は状態 {status} です。CloudFormation コンソールで確認してから、`elevate-tray setup org apply` をもう一度実行してください。",
    "The roles could not be deployed in {count} account(s) ({accounts}); the other steps are done: fix that and run `elevate-tray setup org apply` again.": "{count} 個のアカウントにロールをデプロイできませんでした ({accounts})。ほかの手順は完了しています。原因を直してから、`elevate-tray setup org apply` をもう一度実行してください。",
    "The stack instances could not be deleted in {count} account(s) ({accounts}); fix that and run `elevate-tray setup org teardown` again.": "{count} 個のアカウントでスタックインスタンスを削除できませんでした ({accounts})。原因を直してから、`elevate-tray setup org teardown` をもう一度実行してください。",
    "The stack {name}": "スタック {name}",
    "There is no StackSet deployment to publish; name the OUs with --ou, or run `elevate-tray setup org apply` first.": "公開する StackSet のデプロイがありません。--ou で OU を指定するか、先に `elevate-tray setup org apply` を実行してください。",
    "There is no organizational unit {ou} in the organization; check the ID (`aws organizations list-organizational-units-for-parent`).": "組織に組織単位 {ou} はありません。ID を確認してください (`aws organizations list-organizational-units-for-parent`)。",
    "There is no root {ou} in the organization.": "組織にルート {ou} はありません。",
    "activate trusted access between CloudFormation StackSets and AWS Organizations (service-managed StackSets need it; it stays active after teardown)": "CloudFormation StackSets と AWS Organizations の信頼されたアクセスを有効化 (サービスマネージドの StackSet に必要。teardown 後も有効のまま)",
    "create the plain stack {name} in the management account {account} (StackSets never deploy to the management account)": "管理アカウント {account} に通常のスタック {name} を作成 (StackSets は管理アカウントにはデプロイしない)",
    "create the service-managed StackSet {name} with auto-deployment (CAPABILITY_NAMED_IAM) from the member template": "メンバーテンプレートから自動デプロイ付きのサービスマネージド StackSet {name} を作成 (CAPABILITY_NAMED_IAM)",
    "delete the StackSet {name}": "StackSet {name} の削除",
    "delete the plain stack {name} in the management account, and with it the roles there": "管理アカウントの通常のスタック {name} と、そこにあるロールの削除",
    "delete the published account list ({count} parameter(s))": "公開したアカウント一覧の削除 ({count} 個のパラメーター)",
    "delete the published account list in {path}": "{path} に公開したアカウント一覧の削除",
    "delete the stack instances of {ou} ({count} account(s)), and with them the roles there": "{ou} のスタックインスタンス ({count} 個のアカウント) と、そこにあるロールの削除",
    "deploy the roles to {ou} ({name}) in {region}: {count} account(s) {ids}": "{ou} ({name}) の {region} にロールをデプロイ: {count} 個のアカウント {ids}",
    "describe the StackSet {name}": "StackSet {name} の情報の取得",
    "describe the organization": "組織の情報の取得",
    "describe the organizational unit {ou}": "組織単位 {ou} の情報の取得",
    "describe the stack {name}": "スタック {name} の情報の取得",
    "find out whether StackSets' trusted access is active": "StackSets の信頼されたアクセスが有効かどうかの確認",
    "follow the StackSet operation {operation}": "StackSet のオペレーション {operation} の追跡",
    "its auto-deployment": "自動デプロイ",
    "its parameters": "パラメーター",
    "its template": "テンプレート",
    "keep the stack {name}: it was not created by elevate-tray": "スタック {name} は残す: elevate-tray が作成したものではない",
    "list the accounts of {ou}": "{ou} のアカウントの一覧表示",
    "list the operations of {name}": "{name} のオペレーションの一覧表示",
    "list the stack instances of {name}": "{name} のスタックインスタンスの一覧表示",
    "members may assume {role} and {readonly} in any account, with MFA": "メンバーは MFA 付きで、あらゆるアカウントの {role} と {readonly} を引き受けられる",
    "publish the account list in {path}": "{path} へのアカウント一覧の公開",
    "publish the list of the {count} account(s) in {path} of the identity account (group members read it with `elevate-tray targets sync`)": "{count} 個のアカウントの一覧を ID アカウントの {path} に公開 (グループのメンバーは `elevate-tray targets sync` で読み取る)",
    "read the published account list in {path}": "{path} に公開したアカウント一覧の読み取り",
    "read the template of the stack {name}": "スタック {name} のテンプレートの読み取り",
    "the StackSet {name} matches the model": "StackSet {name} はモデルと一致",
    "the plain stack {name} in the management account {account} matches the model": "管理アカウント {account} の通常のスタック {name} はモデルと一致",
    "the published account list ({count} account(s)) is up to date": "公開したアカウント一覧 ({count} 個のアカウント) は最新",
    "the roles are deployed in the {count} account(s) of {ou} ({name})": "{ou} ({name}) の {count} 個のアカウントにロールをデプロイ済み",
    "trusted access between CloudFormation StackSets and Organizations is active": "CloudFormation StackSets と Organizations の信頼されたアクセスは有効",
    "update the StackSet {name} ({what}), which redeploys every instance": "StackSet {name} を更新 ({what})。すべてのインスタンスを再デプロイする",
    "update the plain stack {name} in the management account {account}": "管理アカウント {account} の通常のスタック {name} を更新",
    "{what} did not finish within an hour; run `elevate-tray setup org apply` again later to follow it to its end.": "{what} が 1 時間以内に終わりませんでした。後で `elevate-tray setup org apply` をもう一度実行して、終了まで追跡してください。",
    "AWS refused to show the org profile's account {account} the organization's OUs and accounts; use the management account's profile, or that of a delegated administrator for CloudFormation StackSets, as --org-profile.": "AWS は組織プロファイルのアカウント {account} に組織の OU とアカウントを見せませんでした。管理アカウントのプロファイル、または CloudFormation StackSets の委任管理者のプロファイルを --org-profile に指定してください。",
    # -- end of wt-org's block --
    "In {path}, {key} must be from {low} to {high} seconds ({meaning}).": "{path} の {key} は {low} から {high} 秒の範囲にしてください ({meaning})。",
    "the time the browser has to open the console": "ブラウザーがコンソールを開くまでの時間",
    "15 minutes to 36 hours": "15 分から 36 時間",
    "the time a profile's mfa_process has to print its code": "プロファイルの mfa_process がコードを出力するまでの時間",
    "the time a program's credentials request waits for you in the tray": "プログラムの認証情報の要求がトレイであなたを待つ時間",
    "the time a cancelled credentials request is refused at once": "キャンセルされた認証情報の要求がすぐに断られる時間",
    "The browser did not open the AWS console for {target} within {seconds} s; run `elevate-tray console --print-url` and open the URL yourself, or choose another browser for {target} in Settings.": "ブラウザーが {seconds} 秒以内に {target} の AWS コンソールを開きませんでした。`elevate-tray console --print-url` を実行して URL を自分で開くか、設定で {target} に別のブラウザーを選んでください。",
    "The console sign-in could not be handed to the browser ({error}).": "コンソールのサインインをブラウザーに渡せませんでした ({error})。",
    "Not elevated: the console sign-in needs a live admin session; elevate first.": "昇格していません。コンソールへのサインインには有効な管理者セッションが必要です。先に昇格してください。",
    "{problem} Run `elevate-tray console --print-url` and open the URL yourself, or choose another browser in Settings.": "{problem} `elevate-tray console --print-url` を実行して URL を自分で開くか、設定で別のブラウザーを選んでください。",
    # issue 12, the browser per target (wt-browsers)
    "(its default)": "(既定のもの)",
    "The Browser command in Settings cannot be read (check its quotes): fix it in Settings, or leave it empty for the default browser.": "設定の「ブラウザーのコマンド」を読み取れません (引用符を確認してください)。設定で修正するか、空欄にして既定のブラウザーを使ってください。",
    "The Browser command in Settings could not be started ({program}): fix it in Settings, or leave it empty for the default browser.": "設定の「ブラウザーのコマンド」を起動できませんでした ({program})。設定で修正するか、空欄にして既定のブラウザーを使ってください。",
    "The Browser command for {target} in Settings cannot be read (check its quotes): fix it in Settings, or choose another Browser for {target}.": "設定の {target} の「ブラウザーのコマンド」を読み取れません (引用符を確認してください)。設定で修正するか、{target} に別の「ブラウザー」を選んでください。",
    "The Browser chosen for {target} in Settings could not be started ({program}): choose it again in Settings, or choose another Browser for {target}.": "設定で {target} に選んだ「ブラウザー」を起動できませんでした ({program})。設定で選び直すか、{target} に別の「ブラウザー」を選んでください。",
    "The Firefox profile {profile} chosen for {target} in Settings does not have the “Open external links in a container” extension, and Firefox would search the web for the address: install the extension in that profile, or choose another Browser for {target}.": "設定で {target} に選んだ Firefox のプロファイル {profile} には拡張機能「Open external links in a container」がなく、Firefox はアドレスをウェブ検索してしまいます。そのプロファイルに拡張機能をインストールするか、{target} に別の「ブラウザー」を選んでください。",
    "In {path}, the Browser command holds a NUL character: fix it in Settings.": "{path} の「ブラウザーのコマンド」に NUL 文字が含まれています。設定で修正してください。",
    "In {path}, the Browser for {name} is unknown ({kind}): choose it again in Settings.": "{path} の {name} の「ブラウザー」({kind}) は不明です。設定で選び直してください。",
    "In {path}, the Browser, Profile or Browser command of {name} holds a NUL character: choose them again in Settings.": "{path} の {name} の「ブラウザー」「プロファイル」「ブラウザーのコマンド」のいずれかに NUL 文字が含まれています。設定で選び直してください。",
    "In {path}, the Browser for {name} names no program: choose it again in Settings.": "{path} の {name} の「ブラウザー」にプログラムが指定されていません。設定で選び直してください。",
    "In {path}, {name} opens a custom command but its Browser command is empty: fill it in in Settings, or choose another Browser.": "{path} の {name} はカスタムコマンドで開く設定ですが、「ブラウザーのコマンド」が空です。設定で入力するか、別の「ブラウザー」を選んでください。",
    # issue 13, mfa_process and the read-only session's duration (wt-mfaproc)
    "In {path}, profile '{profile}' has an mfa_process spread over several lines; write the command on one line.": "{path} のプロファイル '{profile}' の mfa_process が複数行にわたっています。コマンドを 1 行で書いてください。",
    "Note: with a command on the same machine as your access keys printing your MFA codes, MFA is one factor, not two, unless the command needs you every time (a security key you touch, a password manager you unlock).": "注意: アクセスキーと同じコンピューター上のコマンドが MFA コードを出力すると、MFA は 2 つの要素ではなく 1 つになります。ただし、そのコマンドが毎回あなたの操作を必要とする場合 (触れる必要のあるセキュリティキー、ロック解除が必要なパスワードマネージャー) は別です。",
    "The mfa_process command must be one line of text, like 'ykman oath accounts code -s NAME' (quote it as one argument).": "mfa_process のコマンドは 'ykman oath accounts code -s NAME' のような 1 行のテキストにしてください (1 つの引数として引用符で囲んでください)。",
    "The mfa_process of profile '{profile}' could not be started ({error}); check the command, or type the code instead.": "プロファイル '{profile}' の mfa_process を起動できませんでした ({error})。コマンドを確認するか、代わりにコードを入力してください。",
    "The mfa_process of profile '{profile}' failed (exit status {status}); run it in a terminal to see why, or type the code instead.": "プロファイル '{profile}' の mfa_process が失敗しました (終了ステータス {status})。ターミナルで実行して原因を確認するか、代わりにコードを入力してください。",
    "The mfa_process of profile '{profile}' failed: its command was not found; install it or correct mfa_process in your AWS config.": "プロファイル '{profile}' の mfa_process が失敗しました: コマンドが見つかりません。コマンドをインストールするか、AWS 設定の mfa_process を修正してください。",
    "The mfa_process of profile '{profile}' printed no 6-digit code; make it print the code (like `ykman oath accounts code -s NAME`), or type the code instead.": "プロファイル '{profile}' の mfa_process は 6 桁のコードを出力しませんでした。コードを出力するようにするか (`ykman oath accounts code -s NAME` のように)、代わりにコードを入力してください。",
    "The mfa_process of profile '{profile}' printed no code within {seconds} s and was stopped (a security key waiting for a touch?); run it in a terminal to see why, or type the code instead.": "プロファイル '{profile}' の mfa_process が {seconds} 秒以内にコードを出力しなかったため停止しました (セキュリティキーがタッチを待っていませんか?)。ターミナルで実行して原因を確認するか、代わりにコードを入力してください。",
    "AWS rejected the code printed by the mfa_process of profile '{profile}': it may print another device's code (this one is {serial}), or another program used the code a moment ago; check the command, or type the code.": "プロファイル '{profile}' の mfa_process が出力したコードを AWS が拒否しました。別のデバイスのコードを出力している (このデバイスは {serial} です) か、ほかのプログラムが直前にそのコードを使った可能性があります。コマンドを確認するか、コードを入力してください。",
    # actions and details, put into the sentences below
    "call AWS": "AWS の呼び出し",
    "create the STS client": "STS クライアントの作成",
    "identify your IAM user": "IAM ユーザーの確認",
    "list your MFA devices": "MFA デバイスの一覧取得",
    # the flows (elevate_tray/flows)
    # setup: adoption of resources it did not create, and widenings (issue 11, items 1-2)
    "A teardown from another machine could not remove the members and policies this setup adds to the group {name}: what it had before is kept in {path} on this one.": "別のマシンからのティアダウンでは、このセットアップがグループ {name} に追加したメンバーとポリシーを取り除けません。以前の状態はこのマシンの {path} に保存されています。",
    "A teardown from another machine could not restore the trust policy and attached policies of the role {name}: they are kept in {path} on this one.": "別のマシンからのティアダウンでは、ロール {name} の信頼ポリシーとアタッチされたポリシーを元に戻せません。それらはこのマシンの {path} に保存されています。",
    "The policy {name} already has {count} versions, none written by this setup, and adopting it would mean deleting one; delete a version you no longer need, or choose other names.": "ポリシー {name} にはすでに {count} 個のバージョンがあり、どれもこのセットアップが書いたものではありません。引き継ぐにはどれかを削除する必要があります。不要なバージョンを削除するか、別の名前を選んでください。",
    "The policy {name} has {count} versions and none of them can be deleted by this setup; delete a version you no longer need and apply again.": "ポリシー {name} には {count} 個のバージョンがあり、このセットアップが削除できるものはありません。不要なバージョンを削除してから、もう一度適用してください。",
    "The {kind} {name} exists, not managed by this setup: it is changed only if you add --adopt {name}.": "{kind} {name} は存在しますが、このセットアップの管理下にありません。--adopt {name} を付けた場合にだけ変更されます。",
    "This setup would change {items}, which exist but are not managed by it; review the plan, then add {flags} to take them over (teardown puts them back), or choose other names.": "このセットアップは {items} を変更しますが、これらは存在するものの、このセットアップの管理下にありません。プランを確認してから {flags} を付けて引き継ぐ (ティアダウンで元に戻ります) か、別の名前を選んでください。",
    "This would widen access on resources you adopt: {widenings}; review them in the plan, then add --accept-widening.": "引き継ぐリソースへのアクセスが広がります: {widenings}。プランで確認してから --accept-widening を付けてください。",
    "adopt the group {name}: record its policies and members, which teardown puts back": "グループ {name} を引き継ぐ: ポリシーとメンバーを記録し、ティアダウンで元に戻す",
    "adopt the policy {name}: tag it with its current default version, which teardown sets back": "ポリシー {name} を引き継ぐ: 現在のデフォルトバージョンをタグに記録し、ティアダウンで元に戻す",
    "adopt the role {name}: record its trust policy, policies and maximum session, which teardown puts back": "ロール {name} を引き継ぐ: 信頼ポリシー、ポリシー、最大セッション時間を記録し、ティアダウンで元に戻す",
    "existing members of {group} who will be able to assume {role}: {users}": "{role} を引き受けられるようになる {group} の既存メンバー: {users}",
    "keep the role {role} as it is: the record of its previous trust policy and attached policies is not on this machine": "ロール {role} はそのまま残す: 以前の信頼ポリシーとアタッチされたポリシーの記録がこのマシンにありません",
    "restore the group {group}: the policies and members this setup added are removed": "グループ {group} を元に戻す: このセットアップが追加したポリシーとメンバーを取り除く",
    "restore the policy {name}: version {version} is its default again and the versions this setup wrote are deleted": "ポリシー {name} を元に戻す: バージョン {version} を再びデフォルトにし、このセットアップが書いたバージョンを削除する",
    "restore the role {role}: its previous trust policy, attached policies and maximum session": "ロール {role} を元に戻す: 以前の信頼ポリシー、アタッチされたポリシー、最大セッション時間",
    "sessions of {role} may last {new} s instead of {old} s": "{role} のセッションが {old} 秒ではなく {new} 秒まで続くようになる",
    "the policy {policy} gets a new document for everyone it is attached to: {entities}": "ポリシー {policy} のドキュメントが、アタッチ先すべてに対して新しくなる: {entities}",
    "the policy {policy} is attached to {entities}, who will be able to assume {role}": "ポリシー {policy} は {entities} にアタッチされており、{role} を引き受けられるようになる",
    "the policy {policy} is attached to {group}, so its members {users} gain its permissions": "ポリシー {policy} が {group} にアタッチされ、メンバー {users} がその権限を得る",
    "the trust policy of {role} admits {principal}, which it did not before": "{role} の信頼ポリシーが、以前は許可していなかった {principal} を許可する",
    "the trust policy of {role} changes the condition {old} to {new}": "{role} の信頼ポリシーの条件 {old} が {new} に変わる",
    "the trust policy of {role} no longer requires {condition}": "{role} の信頼ポリシーが {condition} を要求しなくなる",
    "{policy} is attached to the role {role}: whoever can assume it gets its permissions": "{policy} がロール {role} にアタッチされる: このロールを引き受けられる人は誰でもその権限を得る",
    "{principal} (every user and role of that account whose own policies allow it)": "{principal} (そのアカウントで、自身のポリシーが許可するすべてのユーザーとロール)",
    "{user} joins {group} and will be able to assume {role}": "{user} が {group} に加わり、{role} を引き受けられるようになる",
    "the policy {policy}": "ポリシー {policy}",
    "the trust policy of {role}": "{role} の信頼ポリシー",
    "{what} also allows {actions}": "{what} が {actions} も許可するようになる",
    "AWS refused the code generated from your kept TOTP secret: another program (the AWS CLI, an SDK) probably used it a moment ago, and AWS accepts each code once. Try again when the next code appears (within 30 seconds).": "保存した TOTP シークレットから生成したコードを AWS が拒否しました。直前にほかのプログラム (AWS CLI や SDK) がこのコードを使ったと思われます。AWS は各コードを一度しか受け付けません。次のコードが表示されたら (30 秒以内) もう一度試してください。",
    "Dropped {target} and revoked it in AWS.": "{target} を降格し、AWS 上でも無効化しました。",
    "Dropped {target} here, but it was not revoked in AWS: {problem}": "このコンピューターでは {target} を降格しましたが、AWS 上では無効化されていません: {problem}",
    "Dropped {target} here, but the revocation in AWS is pending: {problem} Retry with “Drop and revoke” in the tray or `elevate-tray drop --revoke`; it ends by itself at {until}, when the session would have expired.": "このコンピューターでは {target} を降格しましたが、AWS 上での無効化は保留中です: {problem} トレイの「降格して AWS で無効化」か `elevate-tray drop --revoke` で再試行してください。保留はセッションの期限 {until} に自動で終わります。",
    "Dropped {target}.": "{target} を降格しました。",
    "The session state file {path} cannot be read ({problem}); remove whatever is in its place, then try again.": "セッションの状態ファイル {path} を読めません ({problem})。その場所にあるものを取り除いてから、もう一度試してください。",
    "No web browser could be opened on this computer.": "このコンピューターではウェブブラウザーを開けませんでした。",
    "The admin session for {target} has lost its credentials (they are no longer in the secret store), so it was ended here; elevate again.": "{target} の管理者セッションの認証情報が失われた (シークレットストアにありません) ため、ここで終了しました。もう一度昇格してください。",
    "Not elevated: there is no admin session. Elevate with the tray or `elevate-tray elevate`.": "昇格していません: 管理者セッションはありません。トレイか `elevate-tray elevate` で昇格してください。",
    "Not elevated for {target}: there is no admin session for it. Elevate with the tray or `elevate-tray elevate --target {target}`.": "{target} には昇格していません: 管理者セッションはありません。トレイか `elevate-tray elevate --target {target}` で昇格してください。",
    "its credentials are gone from this computer, so it stays valid in AWS until {until}.": "このコンピューターから認証情報が失われたため、AWS 上では {until} まで有効なままです。",
    "the inline policies of role {role} would go over IAM's quota of 10,240 characters per role, so it stays valid in AWS until {until}; ask your account admin to remove inline policies from {role}.": "ロール {role} のインラインポリシーが IAM のクォータ (ロールあたり 10,240 文字) を超えるため、AWS 上では {until} まで有効なままです。アカウント管理者に {role} のインラインポリシーを削除するよう依頼してください。",
    "assume {role} in account {account}": "アカウント {account} の {role} の引き受け",
    "start an MFA session": "MFA セッションの開始",
    "start a read-only MFA session": "読み取り専用 MFA セッションの開始",
    "revoke the session on {role}": "{role} のセッションの失効",
    "an explicit deny": "明示的な拒否",
    "no policy allowing it": "許可するポリシーがありません",
    "none": "なし",
    "{path}, line {line}": "{path} の {line} 行目",
    "it cannot be parsed": "解析できません",
    "it must start with https://": "https:// で始まっていません",
    "it has no host": "ホスト名がありません",
    "it contains spaces or control characters": "空白または制御文字が含まれています",
    "it starts with a byte-order mark (BOM); save it as UTF-8 without BOM": (
        "先頭にバイトオーダーマーク (BOM) があります。BOM なしの UTF-8 で保存してください"
    ),
    "AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_STS / _IAM) is not a usable URL; write it like "
    "https://sts.eu-west-1.amazonaws.com or unset it.": (
        "AWS_ENDPOINT_URL (または AWS_ENDPOINT_URL_STS / _IAM) が使える URL ではありません。"
        "https://sts.eu-west-1.amazonaws.com のように書くか、設定を外してください。"
    ),
    "In {path}, countdown_window_pos must be two whole numbers [x, y], or [].": (
        "{path} の countdown_window_pos は 2 つの整数 [x, y] か [] にしてください。"
    ),
    "In {path}, targets.{name}.max_duration must be 0 (unknown) or from 900 to 43200 seconds.": (
        "{path} の targets.{name}.max_duration は 0 (不明) か 900〜43200 秒にしてください。"
    ),
    "In {path}, warnings must list seconds before the end, like [300, 60].": (
        "{path} の warnings には終了前の秒数を [300, 60] のように並べてください。"
    ),
    "The AWS endpoint answered with something that is not AWS (a captive portal or a proxy's "
    "error page?); sign in to the network or check AWS_ENDPOINT_URL, then try again.": (
        "AWS のエンドポイントが AWS ではない応答を返しました (キャプティブポータルやプロキシの"
        "エラーページかもしれません)。ネットワークにサインインするか AWS_ENDPOINT_URL を確認して、"
        "もう一度お試しください。"
    ),
    "The AWS sign-in endpoint failed (HTTP {status}); try again in a minute.": (
        "AWS のサインインエンドポイントでエラーが起きました (HTTP {status})。"
        "1 分ほどしてからもう一度お試しください。"
    ),
    "The sign-in endpoint URL is not usable ({problem}); fix or unset ELEVATE_TRAY_SIGNIN_URL.": (
        "サインインエンドポイントの URL が使えません ({problem})。"
        "ELEVATE_TRAY_SIGNIN_URL を直すか、設定を外してください。"
    ),
    "The sign-in endpoint URL is not usable; fix or unset ELEVATE_TRAY_SIGNIN_URL.": (
        "サインインエンドポイントの URL が使えません。"
        "ELEVATE_TRAY_SIGNIN_URL を直すか、設定を外してください。"
    ),
    "a setting stands before any [section] header": "[section] 見出しより前に設定があります",
    "the section [{section}] appears a second time": "セクション [{section}] が 2 回出現しています",
    "'{option}' is set twice in [{section}]": "[{section}] で '{option}' が 2 回設定されています",
    "this line is neither a [section], a 'key = value' nor a comment": "この行は [section]、'key = value'、コメントのいずれでもありません",
    "the file is not valid text in this system's encoding (save it as UTF-8)": "このシステムの文字コードで読めるテキストではありません (UTF-8 で保存してください)",
    "the nested settings block is malformed (expected 'key = value' lines)": "入れ子の設定ブロックの形式が正しくありません ('key = value' の行が必要です)",
    # -- issue 11, setup doctor by evaluation (wt-i11-doctor) --
    "a user of this account ({account})": "このアカウント ({account}) のユーザー",
    "a principal of another account ({account})": "別のアカウント ({account}) のプリンシパル",
    "an anonymous caller": "匿名の呼び出し元",
    "statement {statement} lets principals assume {role} without MFA: {caller} is admitted "
    "with {context}; require the condition Bool aws:MultiFactorAuthPresent = true in it.": (
        "ステートメント {statement} は MFA なしで {role} の引き受けを許しています: {caller} が "
        "{context} で許可されます。このステートメントに条件 Bool aws:MultiFactorAuthPresent = "
        "true を必須にしてください。"
    ),
    "statement {statement} lets {caller} assume {role}: trust only principals of this "
    "account ({account}).": (
        "ステートメント {statement} は {caller} に {role} の引き受けを許しています。"
        "このアカウント ({account}) のプリンシパルだけを信頼してください。"
    ),
    "statement {statement} of {policy} lets the group's members assume {role} without MFA "
    "({context}); require the condition Bool aws:MultiFactorAuthPresent = true in it.": (
        "{policy} のステートメント {statement} は、グループのメンバーに MFA なしで {role} の"
        "引き受けを許しています ({context})。このステートメントに条件 Bool "
        "aws:MultiFactorAuthPresent = true を必須にしてください。"
    ),
    "the inline policies of {role} (revoked sessions) hold {chars} of the 10,240 "
    "non-whitespace characters IAM allows a role: revoking will soon fail; remove the revoke "
    "statements whose sessions have expired.": (
        "{role} のインラインポリシー (無効化したセッション) は、IAM がロールに許す空白以外の "
        "10,240 文字のうち {chars} 文字を使っています。まもなく無効化に失敗します。"
        "セッションの期限が切れた無効化ステートメントを削除してください。"
    ),
    "console sign-ins through the federation endpoint are logged with mfaAuthenticated: "
    'false although {role} needs MFA, so the common "console sign-in without MFA" alarm '
    "fires for them; scope the alarm to IAM users (ConsoleLogin events whose "
    "userIdentity.type is IAMUser and additionalEventData.MFAUsed is No), or exclude events "
    "whose userIdentity.sessionContext.sessionIssuer.arn is {arn}.": (
        "フェデレーションエンドポイント経由のコンソールサインインは、{role} が MFA を必要とする"
        "にもかかわらず CloudTrail に mfaAuthenticated: false と記録されるため、よくある"
        "「MFA なしのコンソールサインイン」アラームが鳴ります。アラームを IAM ユーザーに絞る "
        "(userIdentity.type が IAMUser で additionalEventData.MFAUsed が No の ConsoleLogin "
        "イベント) か、userIdentity.sessionContext.sessionIssuer.arn が {arn} のイベントを"
        "除外してください。"
    ),
    "the member {member} has no MFA device: they can read nothing and cannot elevate until "
    "one is added.": (
        "メンバー {member} には MFA デバイスがありません。追加されるまで何も読めず、"
        "昇格もできません。"
    ),
    "{where} asks for {seconds} s but the role allows at most {most} s: elevation will be "
    "refused.": (
        "{where} は {seconds} 秒を求めていますが、ロールが許すのは最大 {most} 秒です。"
        "昇格は拒否されます。"
    ),
    # -- end of wt-i11-doctor's block --
    # -- wt-s2's block (issue 11: setups side by side, profiles it did not write) --
    "No free profile name near '{name}'; pass --target.": (
        "'{name}' に近い空いているプロファイル名がありません。--target を指定してください。"
    ),
    "The profile '{name}' exists and was not written by this setup, so it is left as it is; "
    "setup wrote '{used}' instead.": (
        "プロファイル '{name}' は既に存在し、このセットアップが書いたものではないため、"
        "そのままにしました。代わりに '{used}' を書きました。"
    ),
    "The profile '{name}' exists and was not written by this setup, so it is left as it is; "
    "choose another --target.": (
        "プロファイル '{name}' は既に存在し、このセットアップが書いたものではないため、"
        "そのままにします。別の --target を選んでください。"
    ),
    "The profile '{profile}' gives a role or credential_process session, not a member's own "
    "access keys, so no target was written with it as source_profile; add the member's access "
    "keys as a profile and run setup again with --member NAME, or pass --no-target.": (
        "プロファイル '{profile}' が与えるのはロールまたは credential_process のセッションで、"
        "メンバー自身のアクセスキーではないため、これを source_profile とするターゲットは"
        "書きませんでした。メンバーのアクセスキーをプロファイルとして追加し、--member NAME を"
        "付けてセットアップをもう一度実行するか、--no-target を指定してください。"
    ),
    # -- end of wt-s2's block --
    # AWS's answers
    "AWS rejected the MFA code: it is wrong or too old. Type the code your device shows right now (check the device's clock if this keeps happening).": "AWS が MFA コードを拒否しました。コードが間違っているか、古くなっています。デバイスに今表示されているコードを入力してください (繰り返し発生する場合は、デバイスの時計を確認してください)。",
    "That MFA code was already used; AWS accepts each code once. Wait for your device to show the next code (they change every 30 seconds) and try again.": "この MFA コードは使用済みです。AWS は各コードを 1 回しか受け付けません。デバイスに次のコードが表示されるまで待ってから (コードは 30 秒ごとに変わります)、もう一度お試しください。",
    "An MFA code is 6 digits, as your authenticator app shows it.": "MFA コードは、認証アプリに表示される 6 桁の数字です。",
    "The MFA device {serial} is not assigned to the user of profile '{profile}'; set mfa_serial in the profile to that user's device ARN.": "MFA デバイス {serial} はプロファイル '{profile}' のユーザーに割り当てられていません。プロファイルの mfa_serial に、そのユーザーのデバイスの ARN を設定してください。",
    "AWS refused to {action} ({detail}); ask your account admin to check the group's policies and the role's trust policy (elevate-tray setup doctor).": "AWS が{action}を拒否しました ({detail})。アカウント管理者に、グループのポリシーとロールの信頼ポリシーを確認するよう依頼してください (elevate-tray setup doctor)。",
    "AWS refused to {action} ({code}: {message}).": "AWS が{action}を拒否しました ({code}: {message})。",
    "AWS could not {action} ({code}: {message}); try again in a minute.": "AWS で{action}に失敗しました ({code}: {message})。1 分ほど待ってから、もう一度お試しください。",
    "The credential_process of profile '{profile}' failed or printed something other than credentials; run that command yourself to see why, and fix it in your AWS config.": "プロファイル '{profile}' の credential_process が失敗したか、認証情報ではないものを出力しました。そのコマンドを自分で実行して原因を確認し、AWS の設定を修正してください。",
    "Profile '{profile}' assumes a role that needs an MFA code (mfa_serial) and there is no terminal to ask for it; give the code (setup's --mfa-code) or use a profile with an IAM user's own keys.": "プロファイル '{profile}' は MFA コードが必要なロール (mfa_serial) を引き受けますが、コードを尋ねる端末がありません。コードを指定する (setup の --mfa-code) か、IAM ユーザー自身のキーを持つプロファイルを使用してください。",
    "AWS does not know the access key of profile '{profile}' (unknown, inactive or deleted); put a current key in your AWS credentials file.": "プロファイル '{profile}' のアクセスキーを AWS が認識できません (不明、無効、または削除済み)。AWS の認証情報ファイルに有効なキーを設定してください。",
    "The session's credentials have expired; elevate again with `elevate-tray elevate`.": "セッションの認証情報の有効期限が切れています。`elevate-tray elevate` でもう一度昇格してください。",
    "AWS refused the request because this computer's clock is more than 5 minutes off; set the clock right (turn on automatic time) and try again.": "このコンピューターの時計が 5 分以上ずれているため、AWS がリクエストを拒否しました。時計を合わせて (時刻の自動設定をオンにして)、もう一度お試しください。",
    "The secret access key of profile '{profile}' does not match its access key id; copy both again from the IAM console.": "プロファイル '{profile}' のシークレットアクセスキーがアクセスキー ID と一致しません。IAM コンソールから両方をもう一度コピーしてください。",
    "This elevation goes through an MFA session (role chaining), which AWS limits to 1 hour; choose --duration 1h or less.": "この昇格は MFA セッションを経由する (ロールの連鎖) ため、AWS により 1 時間に制限されます。--duration には 1h 以下を指定してください。",
    "The requested duration is longer than the role allows (its MaxSessionDuration); choose a shorter --duration, or ask the admin to raise the role's maximum.": "要求した時間がロールの上限 (MaxSessionDuration) を超えています。より短い --duration を指定するか、ロールの上限を引き上げるよう管理者に依頼してください。",
    "AWS is rate-limiting requests (Rate exceeded); wait a minute and try again.": "AWS がリクエストを制限しています (Rate exceeded)。1 分ほど待ってから、もう一度お試しください。",
    "STS is not activated in this region for the account; set another region in profile '{profile}', or activate the region in IAM.": "このアカウントでは、このリージョンの STS が有効化されていません。プロファイル '{profile}' で別のリージョンを設定するか、IAM でリージョンを有効化してください。",
    "Could not {action}: AWS says it does not exist ({message}).": "{action}に失敗しました。AWS によると対象が存在しません ({message})。",
    "Could not {action}: {error}.": "{action}に失敗しました: {error}。",
    "Profile '{profile}' has no usable access keys: set aws_access_key_id and aws_secret_access_key for it in your AWS credentials file.": "プロファイル '{profile}' に使用できるアクセスキーがありません。AWS の認証情報ファイルで aws_access_key_id と aws_secret_access_key を設定してください。",
    "The AWS profile '{profile}' does not exist in your AWS config; check its name (`aws configure list-profiles` lists them).": "AWS プロファイル '{profile}' が AWS の設定にありません。名前を確認してください (一覧は `aws configure list-profiles` で確認できます)。",
    "AWS did not answer in time while trying to {action}; check your network connection and try again.": "{action}中に AWS から時間内に応答がありませんでした。ネットワーク接続を確認して、もう一度お試しください。",
    "Could not reach AWS to {action} (no connection to the endpoint); check your network connection, proxy or AWS_ENDPOINT_URL, and try again.": "{action}のために AWS に接続できませんでした (エンドポイントに接続できません)。ネットワーク接続、プロキシ、または AWS_ENDPOINT_URL を確認して、もう一度お試しください。",
    # elevation
    "The IAM user of profile '{profile}' has no MFA device; assign one in the IAM console (or with `elevate-tray setup mfa-device`) first.": "プロファイル '{profile}' の IAM ユーザーには MFA デバイスがありません。先に IAM コンソールで (または `elevate-tray setup` で) 割り当ててください。",
    "The shortest elevation AWS allows is 15 minutes; you asked for {asked}.": "AWS で可能な最短の昇格時間は 15 分ですが、{asked} が指定されました。",
    "{role} allows at most {limit}; you asked for {asked}. Choose a shorter duration.": "{role} で許可される最長の時間は {limit} ですが、{asked} が指定されました。より短い時間を選択してください。",
    "A policy denies assuming the role directly with your access keys, so elevate-tray went through an MFA session first; AWS limits such sessions to 1 hour.": "アクセスキーで直接ロールを引き受けることがポリシーで拒否されているため、elevate-tray は先に MFA セッションを経由しました。このようなセッションは AWS により 1 時間に制限されます。",
    # the session store (issue 10)
    "This computer could not record the change to its sessions ({problem}); free space and try again.": "このコンピューターはセッションの変更を記録できませんでした ({problem})。空き容量を確保して、もう一度お試しください。",
    "No usable OS keyring was found, so elevate-tray keeps secrets in files only you can read (under {dir}), as the AWS CLI does for its own role cache.": "使用できる OS のキーリングが見つからないため、elevate-tray はシークレットをあなただけが読めるファイル ({dir} の下) に保存します。AWS CLI が自身のロールキャッシュで行っているのと同じ方法です。",
    "The OS keyring could not be used ({problem}); unlock it (or log in to your desktop session) and try again.": "OS のキーリングを使用できませんでした ({problem})。キーリングのロックを解除して (またはデスクトップセッションにログインして)、もう一度お試しください。",
    "The OS keyring is locked; unlock it (your desktop's keyring or password manager) and try again.": "OS のキーリングがロックされています。(デスクトップのキーリングまたはパスワードマネージャーで) ロックを解除して、もう一度お試しください。",
    "The OS keyring could not be used, so this session's credentials are kept in a file only you can read (under {dir}).": "OS のキーリングを使用できなかったため、このセッションの認証情報はあなただけが読めるファイル ({dir} の下) に保存されています。",
    "AWS granted the session but this computer could not save it ({problem}); free space and elevate again.": "AWS はセッションを許可しましたが、このコンピューターに保存できませんでした ({problem})。空き容量を確保して、もう一度昇格してください。",
    "This computer cannot keep a session in {path} ({problem}); free space there and elevate again.": "このコンピューターは {path} にセッションを保存できません ({problem})。そこに空き容量を確保して、もう一度昇格してください。",
    "The admin session for {target} has no stored credentials; elevate again.": "{target} の管理者セッションには保存された認証情報がありません。もう一度昇格してください。",
    # console sign-in
    "Could not reach the AWS sign-in endpoint ({host}); check your network connection and try again.": "AWS サインインエンドポイント ({host}) に接続できませんでした。ネットワーク接続を確認して、もう一度お試しください。",
    "The AWS sign-in endpoint closed the connection; try again.": "AWS サインインエンドポイントが接続を切断しました。もう一度お試しください。",
    "The AWS sign-in endpoint refused the session's credentials (HTTP {status}); elevate again and retry.": "AWS サインインエンドポイントがセッションの認証情報を拒否しました (HTTP {status})。もう一度昇格してから再試行してください。",
    "The AWS sign-in endpoint answered without a sign-in token.": "AWS サインインエンドポイントの応答にサインイントークンが含まれていませんでした。",
    "No web browser could be opened; use --print-url and open the URL yourself.": "ウェブブラウザーを開けませんでした。--print-url を使い、URL を手動で開いてください。",
    "The {partition} partition has no console federation endpoint that elevate-tray knows; console sign-in is available in aws, aws-cn and aws-us-gov.": "{partition} パーティションには、elevate-tray が対応するコンソールのフェデレーションエンドポイントがありません。コンソールへのサインインは aws、aws-cn、aws-us-gov で利用できます。",
    # configuration and settings files
    "The AWS file {where} cannot be read: {why}.": "AWS のファイル {where} を読み取れません: {why}。",
    "There is no profile '{name}' in {config} or {credentials}.": "{config} にも {credentials} にもプロファイル '{name}' がありません。",
    "'{text}' is not an ARN (expected arn:aws:iam::ACCOUNT:role/NAME).": "'{text}' は ARN ではありません (arn:aws:iam::ACCOUNT:role/NAME の形式で指定してください)。",
    "That is not a TOTP secret: expected the base32 key your MFA device was set up with (letters A-Z and digits 2-7, at least 16 of them).": "TOTP シークレットではありません。MFA デバイスの設定に使った base32 のキー (A〜Z の英字と 2〜7 の数字で 16 文字以上) を入力してください。",
    "The settings file {path} cannot be read: {error}.": "設定ファイル {path} を読み取れません: {error}。",
    "In {path}, [targets] must be a table of tables.": "{path} の [targets] はテーブルのテーブルである必要があります。",
    "In {path}, '{key}' should be {expected}, not {actual}.": "{path} の '{key}' は {actual} ではなく {expected} である必要があります。",
    "In {path}, [targets.{name}] must be a table.": "{path} の [targets.{name}] はテーブルである必要があります。",
    "In {path}, targets.{name}.{key} should be {expected}, not {actual}.": "{path} の targets.{name}.{key} は {actual} ではなく {expected} である必要があります。",
    "In {path}, profile '{profile}' has role_arn = {arn}, which is not an IAM role ARN.": "{path} のプロファイル '{profile}' の role_arn = {arn} は IAM ロールの ARN ではありません。",
    "In {path}, profile '{profile}' uses region {region}, which is not in the {partition} partition of its role {arn}.": "{path} のプロファイル '{profile}' が使うリージョン {region} は、ロール {arn} の {partition} パーティションに含まれていません。",
    "There is no target '{name}' (targets: {known}).": "対象 '{name}' はありません (対象: {known})。",
    "No target is configured: add a profile with role_arn and source_profile to your AWS config, or run `{setup}`, or try the local sandbox with `{sandbox}`.": "対象が設定されていません。AWS の設定に role_arn と source_profile を持つプロファイルを追加するか、`{setup}` を実行してください。ローカルのサンドボックスを試す場合は `{sandbox}` を使います。",
    "No target is configured: add a profile with role_arn and source_profile to your AWS config, or run `{setup}`.": "対象が設定されていません。AWS の設定に role_arn と source_profile を持つプロファイルを追加するか、`{setup}` を実行してください。",
    "Several targets are configured; choose one with --target ({names}).": "複数の対象が設定されています。--target で 1 つ選択してください ({names})。",
    # the setup engine's fixed sentences (shown by the wizard)
    "Your user has no MFA device, so an MFA code cannot be used.": "あなたのユーザーには MFA デバイスがないため、MFA コードは使用できません。",
    "The account changed since the plan was shown; review the new plan and apply again.": "計画を表示した後にアカウントが変更されました。新しい計画を確認して、もう一度適用してください。",
    "The account changed since the teardown plan was shown; review it again.": "削除計画を表示した後にアカウントが変更されました。もう一度確認してください。",
    "Only an IAM user can have an MFA device; this profile is not one.": "MFA デバイスを持てるのは IAM ユーザーだけですが、このプロファイルは IAM ユーザーではありません。",
    "Enter two consecutive 6-digit codes from the authenticator app (two different codes, one after the other).": "認証アプリに続けて表示される 6 桁のコードを 2 つ入力してください (異なる 2 つのコードを順番に)。",
    "AWS did not accept those codes: wait for two new consecutive codes and try again.": "AWS はこれらのコードを受け付けませんでした。新しく連続する 2 つのコードが表示されるのを待ってから、もう一度お試しください。",
    "Refusing to change the account without a prompt: add --yes.": "確認なしではアカウントを変更できません。--yes を付けてください。",
    "'{value}' is not a valid IAM {kind} name (letters, digits and +=,.@_- only).": "'{value}' は IAM の{kind}名として使えません (使えるのは英数字と +=,.@_- だけです)。",
    "group": "グループ",
    "role": "ロール",
    "policy": "ポリシー",
    "user": "ユーザー",
    "The role's maximum session duration must be between {low} and {high} seconds (1 to 12 hours), not {asked}.": "ロールの最大セッション時間は {low}〜{high} 秒 (1〜12 時間) にしてください。{asked} は範囲外です。",
    "'{policy}' is neither AdministratorAccess, PowerUserAccess nor a managed policy ARN (arn:aws:iam::ACCOUNT:policy/NAME).": "'{policy}' は AdministratorAccess、PowerUserAccess、管理ポリシーの ARN (arn:aws:iam::ACCOUNT:policy/NAME) のいずれでもありません。",
    "There is no IAM user {users} in account {account}; create the user first or leave it out.": "アカウント {account} に IAM ユーザー {users} がありません。先にユーザーを作成するか、選択から外してください。",
    "The target profile cannot be named '{name}' like the profile whose keys it uses; choose another target name.": "対象プロファイルには、キーの元になるプロファイル (source_profile) と同じ名前 '{name}' は付けられません。別の対象名を選択してください。",
    "The profile '{name}' already points at {arn}; choose another target name.": "プロファイル '{name}' はすでに {arn} を指しています。別の対象名を選択してください。",
    "The profile '{name}' already holds credentials; choose another target name.": "プロファイル '{name}' にはすでに認証情報があります。別の対象名を選択してください。",
    "The provisioning file uses an unknown placeholder {placeholder}.": "プロビジョニングファイルで不明なプレースホルダー {placeholder} が使われています。",
    "The data file {path} is missing from this installation; reinstall elevate-tray.": "データファイル {path} がこのインストールにありません。elevate-tray を再インストールしてください。",
    "Step {index} of {total} ({step}) failed: {error} The {done} step(s) before it are done; run the same setup again to continue from there.": "ステップ {index}/{total} ({step}) に失敗しました: {error} それより前の {done} 個のステップは完了しています。同じセットアップをもう一度実行すると、そこから続行します。",
    "The folder {folder} does not exist, so the template cannot be written to {path}; create the folder first, or choose another --output.": "フォルダー {folder} がないため、テンプレートを {path} に書き込めません。先にフォルダーを作成するか、--output で別の場所を選択してください。",
    "{path} is a folder; give --output a file name, such as {path}/{name}.": "{path} はフォルダーです。--output にはファイル名を指定してください (例: {path}/{name})。",
    "The template cannot be written to {path} ({why}); choose a place you can write to with --output.": "テンプレートを {path} に書き込めません ({why})。--output で書き込める場所を選択してください。",
    "read your AWS config": "AWS の設定の読み取り",
    "read the credentials of profile '{profile}'": "プロファイル '{profile}' の認証情報の読み取り",
    "get an MFA session": "MFA セッションの取得",
    "find out which account the profile belongs to": "プロファイルが属するアカウントの確認",
    "list the account's IAM users": "アカウントの IAM ユーザーの一覧取得",
    "read the members of {group}": "{group} のメンバーの読み取り",
    "create a virtual MFA device for {user}": "{user} の仮想 MFA デバイスの作成",
    "enable the MFA device for {user}": "{user} の MFA デバイスの有効化",
    "delete the unused MFA device {serial}": "未使用の MFA デバイス {serial} の削除",
    "read the policy {arn}": "ポリシー {arn} の読み取り",
    "read the group {name}": "グループ {name} の読み取り",
    "read the role {name}": "ロール {name} の読み取り",
    "read the user {name}": "ユーザー {name} の読み取り",
    # the plan's steps (shown in the wizard, and put into the sentences above as {doing})
    "create the managed policy {name} ({purpose})": "管理ポリシー {name} の作成 ({purpose})",
    "members may assume {role} with MFA": "メンバーが MFA を使って {role} を引き受けるためのもの",
    "members manage their own credentials; nothing else without MFA": "メンバーが自分の認証情報を管理するためのもの。MFA なしではそれ以外の操作はできません",
    "the policy {name} matches": "ポリシー {name} は一致しています",
    "write a new default version of the policy {name}": "ポリシー {name} の新しいデフォルトバージョンの書き込み",
    "the group {group} exists": "グループ {group} は存在します",
    "create the group {group} (path {path})": "グループ {group} の作成 (パス {path})",
    "{policy} is attached to {group}": "{policy} は {group} にアタッチされています",
    "attach {policy} to the group {group}": "{policy} のグループ {group} へのアタッチ",
    "create the role {role} (assumed only with MFA, at most {minutes} minutes)": "ロール {role} の作成 (MFA 使用時のみ引き受け可能、最長 {minutes} 分)",
    "the trust policy matches": "信頼ポリシーは一致しています",
    "replace the trust policy of {role}": "{role} の信頼ポリシーの置き換え",
    "maximum session {seconds} s": "最大セッション時間 {seconds} 秒",
    "change the maximum session of {role} from {old} s to {new} s": "{role} の最大セッション時間の変更 ({old} 秒から {new} 秒へ)",
    "{policy} is attached to {role}": "{policy} は {role} にアタッチされています",
    "attach {policy} to the role {role} (its permissions)": "{policy} のロール {role} へのアタッチ (ロールの権限)",
    "{user} is in {group}": "{user} は {group} に所属しています",
    "add the user {user} to {group}": "ユーザー {user} の {group} への追加",
    "detach and delete the policy {name}": "ポリシー {name} のデタッチと削除",
    "keep the policy {name}: it was not created by elevate-tray": "ポリシー {name} は残します (elevate-tray が作成したものではありません)",
    "delete the group {group}": "グループ {group} の削除",
    "delete the group {group} (members removed: {users})": "グループ {group} の削除 (外されるメンバー: {users})",
    "keep the group {group}: it was there before": "グループ {group} は残します (以前からあったものです)",
    "delete the role {role}": "ロール {role} の削除",
    "keep the role {role}: it was not created by elevate-tray": "ロール {role} は残します (elevate-tray が作成したものではありません)",
    # the plan's notes
    "The group {group} was there before; teardown will keep it.": "グループ {group} は以前からあったため、teardown では削除されません。",
    "The role {role} was there before; teardown will keep it.": "ロール {role} は以前からあったため、teardown では削除されません。",
    "{user} has no MFA device yet and cannot elevate until they add one.": "{user} にはまだ MFA デバイスがないため、追加するまで昇格できません。",
    "You ({user}) join the group last: from then on your keys need an MFA session for anything else (run setup with --mfa-code).": "あなた ({user}) は最後にグループに追加されます。それ以降、あなたのキーでほかの操作をするには MFA セッションが必要です (setup を --mfa-code 付きで実行してください)。",
    # issue 10, configuration edges (wt-config): target problems, folders, durations, settings
    "{path}, line {line}, in [{section}]": "{path} の {line} 行目 ([{section}] 内)",
    "the section header {header} is not closed with ']'": "セクション見出し {header} が ']' で閉じられていません",
    "The AWS file {path} is a folder, not a file: point {variable} at the file itself, or move the folder away.": "AWS のファイル {path} はファイルではなくフォルダーです。{variable} でファイルそのものを指定するか、フォルダーを別の場所に移動してください。",
    "The AWS file {path} is not a regular file: point {variable} at the file itself.": "AWS のファイル {path} は通常のファイルではありません。{variable} でファイルそのものを指定してください。",
    "In {path}, profile '{profile}' has role_arn = {arn}, which is not an ARN (expected arn:aws:iam::ACCOUNT:role/NAME).": "{path} のプロファイル '{profile}' の role_arn = {arn} は ARN ではありません (arn:aws:iam::ACCOUNT:role/NAME の形式で指定してください)。",
    "In {path}, profile '{profile}' names source_profile = {source}, but there is no profile '{source}' in {path} or {credentials}: add it, or correct the name.": "{path} のプロファイル '{profile}' は source_profile = {source} を指定していますが、{path} にも {credentials} にもプロファイル '{source}' がありません。プロファイルを追加するか、名前を修正してください。",
    "In {path}, profile '{profile}' uses region {region}, which is not an AWS region name (like us-east-1).": "{path} のプロファイル '{profile}' が使うリージョン {region} は、AWS のリージョン名 (us-east-1 など) ではありません。",
    "In {path}, profile '{profile}' has mfa_serial = {serial}, which is neither an MFA device ARN nor a hardware token's serial number.": "{path} のプロファイル '{profile}' の mfa_serial = {serial} は、MFA デバイスの ARN でもハードウェアトークンのシリアル番号でもありません。",
    "In {path}, profile '{profile}' has duration_seconds = {value}; it must be a whole number of seconds from 900 to 43200.": "{path} のプロファイル '{profile}' の duration_seconds = {value} は無効です。900〜43200 の秒数を整数で指定してください。",
    "No duration was given: write it like 30m, 1h or 1h30m.": "時間が指定されていません。30m、1h、1h30m のように指定してください。",
    "'{text}' is not a duration: write it like 30m, 1h or 1h30m.": "'{text}' は時間として解釈できません。30m、1h、1h30m のように指定してください。",
    "'{text}' has no unit: write {text}m for {text} minutes (or {text}s for seconds).": "'{text}' には単位がありません。{text} 分なら {text}m と指定してください (秒なら {text}s)。",
    "'{text}' has no unit: write {text}m or {hm} for {text} minutes (or {text}s for seconds).": "'{text}' には単位がありません。{text} 分なら {text}m または {hm} と指定してください (秒なら {text}s)。",
    "'{text}' is longer than AWS allows for a role session: at most 12h.": "'{text}' は AWS がロールセッションに許可する時間を超えています。最長は 12h です。",
    "'{text}' is no time at all: write how long you need admin, like 30m or 1h.": "'{text}' では時間がゼロです。管理者権限が必要な時間を 30m や 1h のように指定してください。",
    "The settings file {path} is a folder, not a file: move it away (elevate-tray then starts with its defaults).": "設定ファイル {path} はファイルではなくフォルダーです。別の場所に移動してください (elevate-tray は既定の設定で起動します)。",
    "The settings file {path} is not a regular file: move it away (elevate-tray then starts with its defaults).": "設定ファイル {path} は通常のファイルではありません。別の場所に移動してください (elevate-tray は既定の設定で起動します)。",
    "In {path}, default_duration must be from 900 to 43200 seconds (15 minutes to 12 hours).": "{path} の default_duration は 900〜43200 秒 (15 分〜12 時間) である必要があります。",
    "true or false": "true または false",
    "a whole number": "整数",
    "a decimal number": "小数",
    "text in quotes": "引用符で囲んだ文字列",
    "a list": "リスト",
    "a table": "テーブル",
    "a date or time": "日付または時刻",
    "The folder {path} belongs to another user, so elevate-tray will not use it: remove it (as its owner or root), or set ELEVATE_TRAY_HOME to a folder of your own.": "フォルダー {path} は別のユーザーのものなので、elevate-tray は使用しません。(所有者または root として) 削除するか、ELEVATE_TRAY_HOME に自分のフォルダーを設定してください。",
    "The folder {path} can be changed by other users, so elevate-tray will not use it: run chmod 700 {path}.": "フォルダー {path} はほかのユーザーが変更できるため、elevate-tray は使用しません。chmod 700 {path} を実行してください。",
    "The folder {path} cannot be checked ({error}); fix its permissions, or set ELEVATE_TRAY_HOME to a folder of your own.": "フォルダー {path} を確認できません ({error})。権限を修正するか、ELEVATE_TRAY_HOME に自分のフォルダーを設定してください。",
    "{path} should be one of elevate-tray's folders but is a file: move it away.": "{path} は elevate-tray のフォルダーであるべきですが、ファイルです。別の場所に移動してください。",
    "elevate-tray cannot create its folder {path} ({error}); check the path, or set ELEVATE_TRAY_HOME to a folder you can write.": "elevate-tray のフォルダー {path} を作成できません ({error})。パスを確認するか、ELEVATE_TRAY_HOME に書き込めるフォルダーを設定してください。",
    "The folder {path} for the tray's socket belongs to another user or is not private, so the tray cannot use it: remove it (as its owner or root), or set XDG_RUNTIME_DIR to a folder of your own with mode 700.": "トレイのソケット用フォルダー {path} は別のユーザーのものか非公開ではないため、トレイは使用できません。(所有者または root として) 削除するか、XDG_RUNTIME_DIR にモード 700 の自分のフォルダーを設定してください。",
    # issue 13, the tray brokers credentials (wt-broker)
    "The MFA request for {target} was cancelled in the tray; run the command again to be asked again.": "トレイで {target} の MFA 要求がキャンセルされました。もう一度尋ねるには、コマンドを再実行してください。",
    "The MFA request for {target} in the tray was not answered within {seconds} s; run the command again to be asked again.": "トレイでの {target} の MFA 要求に {seconds} 秒以内に応答がありませんでした。もう一度尋ねるには、コマンドを再実行してください。",
    "The MFA request for {target} in the tray went unanswered moments ago; run the command again in {seconds} s to be asked again.": "トレイでの {target} の MFA 要求は先ほど応答がありませんでした。もう一度尋ねるには、{seconds} 秒後にコマンドを再実行してください。",
    "The MFA request for {target} was cancelled in the tray moments ago; run the command again in {seconds} s to be asked again.": "トレイで {target} の MFA 要求が先ほどキャンセルされました。もう一度尋ねるには、{seconds} 秒後にコマンドを再実行してください。",
    # issue 14: long-term keys kept, rotated
    "The AWS file {path} could not be changed ({problem}), so it is as it was; check that you can write it and its folder (and that the disk has room), then try again.": "AWS のファイル {path} を変更できなかったため ({problem})、ファイルは元のままです。そのファイルとフォルダーに書き込めること (とディスクに空きがあること) を確認してから、もう一度お試しください。",
    "AWS ended the old key's session when the key was deactivated, so deleting the key {old} needs one more MFA code: run `elevate-tray keys rotate` again to delete it (it can no longer be used).": "キーを無効化したときに AWS が古いキーのセッションを終了したため、キー {old} の削除にはもう 1 つ MFA コードが必要です。`elevate-tray keys rotate` をもう一度実行して削除してください (このキーはもう使えません)。",
    "Creating the new access key failed ({problem}), and AWS may have made one anyway; run `elevate-tray keys rotate` again to find and delete it.": "新しいアクセスキーの作成に失敗しましたが ({problem})、AWS がキーを作成している可能性があります。`elevate-tray keys rotate` をもう一度実行して、見つけて削除してください。",
    "Creating the new access key failed ({problem}); the key {key} AWS made anyway is deleted, and {old} stays in use; try again later.": "新しいアクセスキーの作成に失敗しました ({problem})。それでも AWS が作成したキー {key} は削除し、{old} を引き続き使います。しばらくしてからもう一度お試しください。",
    "A rotation of the key of profile '{profile}' is unfinished; run `elevate-tray keys rotate --profile {profile}` to finish it, then export.": "プロファイル '{profile}' のキーのローテーションが完了していません。`elevate-tray keys rotate --profile {profile}` を実行して完了させてから、エクスポートしてください。",
    "AWS did not accept the new key within {seconds} s ({problem}), so it was deleted and the key {old} stays in use; try again later.": "AWS が新しいキーを {seconds} 秒以内に受け付けなかったため ({problem})、新しいキーは削除され、キー {old} を引き続き使います。しばらくしてからもう一度お試しください。",
    "AWS did not accept the new key {new} within {seconds} s and it could not be deleted; the key {old} stays in use; run `elevate-tray keys rotate` again to clean up.": "AWS が新しいキー {new} を {seconds} 秒以内に受け付けず、そのキーを削除することもできませんでした。キー {old} を引き続き使います。`elevate-tray keys rotate` をもう一度実行して後始末してください。",
    "An earlier rotation was interrupted after AWS created the key {key}, whose secret was never kept; that key is now deleted.": "以前のローテーションが、AWS がキー {key} を作成した後に中断され、そのシークレットは保存されていませんでした。そのキーは削除しました。",
    "Creating the new access key…": "新しいアクセスキーを作成しています…",
    "Deactivating and deleting the old key…": "古いキーを無効化して削除しています…",
    "Deleting the old key needs a second MFA code; run `elevate-tray keys rotate` again with the next code to finish.": "古いキーの削除には 2 つ目の MFA コードが必要です。次のコードで `elevate-tray keys rotate` をもう一度実行して完了させてください。",
    "IAM user {user} already has a second access key, {key} ({status}, created {created}), and AWS allows two: delete it if nothing uses it (`aws iam delete-access-key --user-name {user} --access-key-id {key_id}`), then rotate again.": "IAM ユーザー {user} にはすでに 2 つ目のアクセスキー {key} ({status}、{created} 作成) があり、AWS が許すのは 2 つまでです。何も使っていなければ削除して (`aws iam delete-access-key --user-name {user} --access-key-id {key_id}`)、もう一度ローテーションしてください。",
    "In {path}, key_rotation_days must be from 0 (never remind) to {high} days.": "{path} の key_rotation_days は 0 (通知しない) から {high} 日の範囲にしてください。",
    "No access key is kept for profile '{profile}'; `elevate-tray keys import --profile {profile}` keeps one.": "プロファイル '{profile}' のアクセスキーは保管されていません。`elevate-tray keys import --profile {profile}` で保管できます。",
    "No key is kept for profile '{profile}'.": "プロファイル '{profile}' のキーは保管されていません。",
    "Profile '{profile}' already has a credential_process of its own; remove it (or the keys) from the profile, then import.": "プロファイル '{profile}' にはすでに独自の credential_process があります。プロファイルからそれ (またはキー) を削除してから、インポートしてください。",
    "Profile '{profile}' has no aws_access_key_id and aws_secret_access_key in {path}; there is nothing to import.": "{path} のプロファイル '{profile}' には aws_access_key_id と aws_secret_access_key がありません。インポートするものはありません。",
    "Profile '{profile}' in {path} has only one of aws_access_key_id and aws_secret_access_key; write both, then import.": "{path} のプロファイル '{profile}' には aws_access_key_id と aws_secret_access_key の片方しかありません。両方を書いてから、インポートしてください。",
    "Profile '{profile}' in {path} holds temporary credentials (aws_session_token); only an IAM user's long-term keys are kept.": "{path} のプロファイル '{profile}' は一時的な認証情報 (aws_session_token) です。保管できるのは IAM ユーザーの長期キーだけです。",
    "The key of profile '{profile}' is not an IAM user's, so it cannot be rotated here.": "プロファイル '{profile}' のキーは IAM ユーザーのものではないため、ここではローテーションできません。",
    "Starting an MFA session to manage your access keys…": "アクセスキーを管理するための MFA セッションを開始しています…",
    "The key kept for profile '{profile}' is missing from its store; import the profile's keys again.": "プロファイル '{profile}' 用に保管したキーが保管場所にありません。プロファイルのキーをもう一度インポートしてください。",
    "The key kept for profile '{profile}' is missing from the {store} store; write the profile's keys into {path} again.": "プロファイル '{profile}' 用に保管したキーが {store} ストアにありません。プロファイルのキーを {path} にもう一度書いてください。",
    "The new key {new} is in use, but the old key {old} was not deleted ({problem}); run `elevate-tray keys rotate` again to delete it.": "新しいキー {new} を使っていますが、古いキー {old} は削除されませんでした ({problem})。`elevate-tray keys rotate` をもう一度実行して削除してください。",
    "The old key's session ended with it; starting one with the new key…": "古いキーのセッションはキーとともに終了しました。新しいキーでセッションを開始しています…",
    "Waiting for AWS to accept the new key…": "AWS が新しいキーを受け付けるのを待っています…",
    "check the access key of profile '{profile}'": "プロファイル '{profile}' のアクセスキーの確認",
    "create a new access key": "新しいアクセスキーの作成",
    "deactivate the access key {key}": "アクセスキー {key} の無効化",
    "delete the access key {key}": "アクセスキー {key} の削除",
    "list your access keys": "あなたのアクセスキーの一覧表示",
    "The user of profile '{profile}' has no MFA device, and the member accounts' roles admit the identity account only with MFA; enrol one with `elevate-tray setup mfa-device --profile {profile}`.": "プロファイル '{profile}' のユーザーには MFA デバイスがありません。メンバーアカウントのロールは MFA 付きの ID アカウントしか受け入れません。`elevate-tray setup mfa-device --profile {profile}` で登録してください。",
    "assume {role}": "{role} を引き受ける",
    "cannot read account {account} through {role}: {reason}": "{role} を通してアカウント {account} を読めません: {reason}",
    "read {role}": "{role} を読む",
    "the trust policy of {role} does not admit the identity account ({account}) with MFA: nobody can elevate into it.": "{role} の信頼ポリシーは MFA 付きの ID アカウント ({account}) を受け入れません。誰も昇格できません。",
    "{role} in account {account} does not carry the tag {tag}: it was not made by the setup's StackSet.": "アカウント {account} の {role} にはタグ {tag} がありません。セットアップの StackSet が作ったものではありません。",
    "{role} is missing in account {account}: the StackSet has not deployed there or it was deleted; run `setup org apply`.": "アカウント {account} に {role} がありません。StackSet がまだデプロイしていないか、削除されました。`setup org apply` を実行してください。",
    "{where} asks for {seconds} s but {role} in account {account} allows at most {most} s: elevation will be refused.": "{where} は {seconds} 秒を求めていますが、アカウント {account} の {role} は最大 {most} 秒です。昇格は拒否されます。",
    "No account list is published in account {account} any more (the organization's setup was removed), so the {count} profile(s) targets sync wrote for it were removed: {profiles}.": "アカウント {account} にはもうアカウント一覧が公開されていません (組織のセットアップが削除されました)。そのため targets sync が書いた {count} 個のプロファイルを削除しました: {profiles}。",
    "The doctor needs one MFA code of {serial} (the identity profile's device) and there is no terminal to ask for it; pass --mfa-code 123456.": "ドクターには {serial} (ID プロファイルのデバイス) の MFA コードが 1 つ必要ですが、尋ねる端末がありません。--mfa-code 123456 を指定してください。",
    "{role} and {readonly} in every member account": "すべてのメンバーアカウントの {role} と {readonly}",
    "No AWS profile with your IAM user's keys is configured, so there is nothing to sync from; add one (`aws configure --profile NAME`), then run `elevate-tray targets sync --profile NAME`.": "IAM ユーザーのキーを持つ AWS プロファイルが設定されていないため、同期元がありません。プロファイルを追加 (`aws configure --profile NAME`) してから `elevate-tray targets sync --profile NAME` を実行してください。",
}


def sources() -> list[str]:
    ui = ROOT / "elevate_tray" / "ui"
    return [str(p) for p in sorted(ui.rglob("*.py")) if p.name != "workers.py"]


def add_core_context(root: ET.Element) -> None:
    """The core's sentences as one more context, in lupdate's order (contexts by name)."""
    for old in [c for c in root.findall("context") if c.findtext("name") == core_text.CONTEXT]:
        root.remove(old)
    context = ET.Element("context")
    context.text, context.tail = "\n    ", "\n"
    name = ET.SubElement(context, "name")
    name.text, name.tail = core_text.CONTEXT, "\n    "
    for text in core_text.sentences():  # laid out as lupdate lays out its own
        message = ET.SubElement(context, "message")
        message.text, message.tail = "\n        ", "\n    "
        source = ET.SubElement(message, "source")
        source.text, source.tail = text, "\n        "
        ET.SubElement(message, "translation", type="unfinished").tail = "\n    "
    message.tail = "\n"
    names = [c.findtext("name") or "" for c in root.findall("context")]
    index = sum(1 for n in names if n < core_text.CONTEXT)
    root.insert(index, context)


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
    root = tree.getroot()
    root.set("language", "ja_JP")
    add_core_context(root)
    missing = []
    for context in root.iter("context"):
        table = JA_CORE if context.findtext("name") == core_text.CONTEXT else JA
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            if source in table:
                translation.text = table[source]
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
