<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>CountdownWindow</name>
    <message>
        <source>Menu</source>
        <translation>メニュー</translation>
    </message>
    <message>
        <source>SANDBOX</source>
        <translation>サンドボックス</translation>
    </message>
    <message>
        <source>No admin rights: elevate from the menu.</source>
        <translation>管理者権限はありません。メニューから昇格できます。</translation>
    </message>
</context>
<context>
    <name>Durations</name>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 時間 %2 分</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 時間</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
</context>
<context>
    <name>MfaDialog</name>
    <message>
        <source>Extend %1</source>
        <translation>%1 を延長</translation>
    </message>
    <message>
        <source>Elevate to %1</source>
        <translation>%1 に昇格</translation>
    </message>
    <message>
        <source>%1 in account %2</source>
        <translation>アカウント %2 の %1</translation>
    </message>
    <message>
        <source>Looking up your MFA device…</source>
        <translation>MFA デバイスを確認しています…</translation>
    </message>
    <message>
        <source>The role allows at most %1.</source>
        <translation>このロールの上限は %1 です。</translation>
    </message>
    <message>
        <source>optional: why you need admin rights</source>
        <translation>任意: 管理者権限が必要な理由</translation>
    </message>
    <message>
        <source>Open the AWS console</source>
        <translation>AWS コンソールを開く</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>対象:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>デバイス:</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>コード(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>時間(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Elevate</source>
        <translation>昇格(&amp;E)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Waiting %1 s for a fresh code: the current one was already used.</source>
        <translation>新しいコードまで %1 秒待っています。現在のコードは使用済みです。</translation>
    </message>
    <message>
        <source>Code filled from the TOTP secret kept in your keyring.</source>
        <translation>キーリングに保存した TOTP シークレットからコードを入力しました。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong (%1); the log has the details.</source>
        <translation>予期しないエラーが発生しました (%1)。詳細はログにあります。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>elevate-tray settings</source>
        <translation>elevate-tray の設定</translation>
    </message>
    <message>
        <source>the default browser; {url} is replaced by the address</source>
        <translation>既定のブラウザー。{url} はアドレスに置き換わります</translation>
    </message>
    <message>
        <source>Sign out of the AWS console when admin rights end</source>
        <translation>管理者権限の終了時に AWS コンソールからサインアウトする</translation>
    </message>
    <message>
        <source>minutes before the end, e.g. 5, 1</source>
        <translation>終了の何分前か (例: 5, 1)</translation>
    </message>
    <message>
        <source>Start elevate-tray when I log in</source>
        <translation>ログイン時に elevate-tray を起動する</translation>
    </message>
    <message>
        <source>Default &amp;duration:</source>
        <translation>既定の時間(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Browser command:</source>
        <translation>ブラウザーのコマンド(&amp;B):</translation>
    </message>
    <message>
        <source>&amp;Warnings (minutes):</source>
        <translation>警告 (分前)(&amp;W):</translation>
    </message>
    <message>
        <source>Warnings are minutes before the end, like 5, 1 (each 1 to 120).</source>
        <translation>警告は終了の何分前かを 5, 1 のように指定します (それぞれ 1〜120)。</translation>
    </message>
    <message>
        <source>Could not change start at login: %1</source>
        <translation>ログイン時の起動を変更できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>State</name>
    <message>
        <source>%1 s left</source>
        <translation>残り %1 秒</translation>
    </message>
    <message>
        <source>about %1 h left</source>
        <translation>残り約 %1 時間</translation>
    </message>
    <message>
        <source>%1 min left</source>
        <translation>残り %1 分</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>%1 まで</translation>
    </message>
    <message>
        <source>Elevating to %1…</source>
        <translation>%1 に昇格中…</translation>
    </message>
    <message>
        <source>ADMIN</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>読み取り専用</translation>
    </message>
    <message>
        <source>SANDBOX</source>
        <translation>サンドボックス</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>No system tray is available on this desktop (on GNOME, the AppIndicator extension provides one), so elevate-tray shows this window instead.</source>
        <translation>このデスクトップにはシステムトレイがありません (GNOME では AppIndicator 拡張機能で使えます)。そのため elevate-tray はこのウィンドウを表示しています。</translation>
    </message>
    <message>
        <source>Admin rights in %1 ended: you are read-only again.</source>
        <translation>%1 の管理者権限が終了しました。読み取り専用に戻りました。</translation>
    </message>
    <message>
        <source>Read-only again</source>
        <translation>読み取り専用に戻りました</translation>
    </message>
    <message>
        <source>You are admin in %1 until %2.</source>
        <translation>%2 まで %1 の管理者です。</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Admin rights in %1 end at %3 (%2).</source>
        <translation>%1 の管理者権限は %3 に終了します (%2)。</translation>
    </message>
    <message>
        <source>Admin rights ending</source>
        <translation>管理者権限がまもなく終了</translation>
    </message>
    <message>
        <source>Extend…</source>
        <translation>延長…</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
    <message>
        <source>A credential_process profile for %1 is on the clipboard: paste it into ~/.aws/config.</source>
        <translation>%1 の credential_process プロファイルをクリップボードにコピーしました。~/.aws/config に貼り付けてください。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong; the log has the details.</source>
        <translation>予期しないエラーが発生しました。詳細はログにあります。</translation>
    </message>
    <message>
        <source>elevate-tray</source>
        <translation>elevate-tray</translation>
    </message>
    <message>
        <source>The setup wizard is not in this build; run `elevate-tray setup plan` in a terminal.</source>
        <translation>このビルドにはセットアップウィザードがありません。ターミナルで `elevate-tray setup plan` を実行してください。</translation>
    </message>
</context>
<context>
    <name>TrayMenu</name>
    <message>
        <source>No target is configured yet</source>
        <translation>対象がまだ設定されていません</translation>
    </message>
    <message>
        <source>&amp;Extend…</source>
        <translation>延長(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Elevate…</source>
        <translation>昇格(&amp;E)…</translation>
    </message>
    <message>
        <source>Open &amp;console</source>
        <translation>コンソールを開く(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Drop now</source>
        <translation>今すぐ終了(&amp;D)</translation>
    </message>
    <message>
        <source>Drop and &amp;revoke in AWS</source>
        <translation>終了して AWS で失効(&amp;R)</translation>
    </message>
    <message>
        <source>Copy credential_&amp;process profile</source>
        <translation>credential_process プロファイルをコピー(&amp;P)</translation>
    </message>
    <message>
        <source>Countdown &amp;window</source>
        <translation>カウントダウンウィンドウ(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>Set up an &amp;account…</source>
        <translation>アカウントをセットアップ(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
</context>
</TS>