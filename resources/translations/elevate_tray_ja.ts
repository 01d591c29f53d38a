<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>BrokerDialog</name>
    <message>
        <source>Asked by:</source>
        <translation>要求元:</translation>
    </message>
    <message>
        <source>A program asks for credentials. Enter the MFA code to let it have them, or Cancel to refuse.</source>
        <translation>プログラムが認証情報を求めています。渡すには MFA コードを入力し、断るには [キャンセル] を押してください。</translation>
    </message>
    <message>
        <source>Read-only session for %1</source>
        <translation>%1 の読み取り専用セッション</translation>
    </message>
    <message>
        <source>a read-only MFA session of %1's user</source>
        <translation>%1 のユーザーの読み取り専用 MFA セッション</translation>
    </message>
    <message>
        <source>&amp;Allow</source>
        <translation>許可(&amp;A)</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 ほか %2 件</translation>
    </message>
    <message>
        <source>a program</source>
        <translation>あるプログラム</translation>
    </message>
    <message>
        <source>%1, from %2</source>
        <translation>%1 (%2 から)</translation>
    </message>
</context>
<context>
    <name>CoreErrors</name>
    <message>
        <source>'{account}' is not an AWS account ID (12 digits); --accounts takes IDs separated by commas.</source>
        <translation>'{account}' は AWS アカウント ID (12 桁) ではありません。--accounts には ID をカンマ区切りで指定します。</translation>
    </message>
    <message>
        <source>'{option}' is set twice in [{section}]</source>
        <translation>[{section}] で '{option}' が 2 回設定されています</translation>
    </message>
    <message>
        <source>'{ou}' is not an organizational unit ID (ou-xxxx-xxxxxxxx) or a root ID (r-xxxx); `aws organizations list-roots` and `list-organizational-units-for-parent` show them.</source>
        <translation>'{ou}' は組織単位 ID (ou-xxxx-xxxxxxxx) でもルート ID (r-xxxx) でもありません。`aws organizations list-roots` と `list-organizational-units-for-parent` で確認できます。</translation>
    </message>
    <message>
        <source>'{policy}' is neither AdministratorAccess, PowerUserAccess nor a managed policy ARN (arn:aws:iam::ACCOUNT:policy/NAME).</source>
        <translation>'{policy}' は AdministratorAccess、PowerUserAccess、管理ポリシーの ARN (arn:aws:iam::ACCOUNT:policy/NAME) のいずれでもありません。</translation>
    </message>
    <message>
        <source>'{text}' has no unit: write {text}m for {text} minutes (or {text}s for seconds).</source>
        <translation>'{text}' には単位がありません。{text} 分なら {text}m と指定してください (秒なら {text}s)。</translation>
    </message>
    <message>
        <source>'{text}' has no unit: write {text}m or {hm} for {text} minutes (or {text}s for seconds).</source>
        <translation>'{text}' には単位がありません。{text} 分なら {text}m または {hm} と指定してください (秒なら {text}s)。</translation>
    </message>
    <message>
        <source>'{text}' is longer than AWS allows for a role session: at most 12h.</source>
        <translation>'{text}' は AWS がロールセッションに許可する時間を超えています。最長は 12h です。</translation>
    </message>
    <message>
        <source>'{text}' is no time at all: write how long you need admin, like 30m or 1h.</source>
        <translation>'{text}' では時間がゼロです。管理者権限が必要な時間を 30m や 1h のように指定してください。</translation>
    </message>
    <message>
        <source>'{text}' is not a duration: write it like 30m, 1h or 1h30m.</source>
        <translation>'{text}' は時間として解釈できません。30m、1h、1h30m のように指定してください。</translation>
    </message>
    <message>
        <source>'{text}' is not an ARN (expected arn:aws:iam::ACCOUNT:role/NAME).</source>
        <translation>'{text}' は ARN ではありません (arn:aws:iam::ACCOUNT:role/NAME の形式で指定してください)。</translation>
    </message>
    <message>
        <source>'{value}' is not a valid IAM {kind} name (letters, digits and +=,.@_- only).</source>
        <translation>'{value}' は IAM の{kind}名として使えません (使えるのは英数字と +=,.@_- だけです)。</translation>
    </message>
    <message>
        <source>(its default)</source>
        <translation>(既定のもの)</translation>
    </message>
    <message>
        <source>15 minutes to 36 hours</source>
        <translation>15 分から 36 時間</translation>
    </message>
    <message>
        <source>A policy denies assuming the role directly with your access keys, so elevate-tray went through an MFA session first; AWS limits such sessions to 1 hour.</source>
        <translation>アクセスキーで直接ロールを引き受けることがポリシーで拒否されているため、elevate-tray は先に MFA セッションを経由しました。このようなセッションは AWS により 1 時間に制限されます。</translation>
    </message>
    <message>
        <source>A rotation of the key of profile '{profile}' is unfinished; run `elevate-tray keys rotate --profile {profile}` to finish it, then export.</source>
        <translation>プロファイル '{profile}' のキーのローテーションが完了していません。`elevate-tray keys rotate --profile {profile}` を実行して完了させてから、エクスポートしてください。</translation>
    </message>
    <message>
        <source>A teardown from another machine could not remove the members and policies this setup adds to the group {name}: what it had before is kept in {path} on this one.</source>
        <translation>別のマシンからのティアダウンでは、このセットアップがグループ {name} に追加したメンバーとポリシーを取り除けません。以前の状態はこのマシンの {path} に保存されています。</translation>
    </message>
    <message>
        <source>A teardown from another machine could not restore the trust policy and attached policies of the role {name}: they are kept in {path} on this one.</source>
        <translation>別のマシンからのティアダウンでは、ロール {name} の信頼ポリシーとアタッチされたポリシーを元に戻せません。それらはこのマシンの {path} に保存されています。</translation>
    </message>
    <message>
        <source>AWS could not {action} ({code}: {message}); try again in a minute.</source>
        <translation>AWS で{action}に失敗しました ({code}: {message})。1 分ほど待ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>AWS did not accept the new key within {seconds} s ({problem}), so it was deleted and the key {old} stays in use; try again later.</source>
        <translation>AWS が新しいキーを {seconds} 秒以内に受け付けなかったため ({problem})、新しいキーは削除され、キー {old} を引き続き使います。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>AWS did not accept the new key {new} within {seconds} s and it could not be deleted; the key {old} stays in use; run `elevate-tray keys rotate` again to clean up.</source>
        <translation>AWS が新しいキー {new} を {seconds} 秒以内に受け付けず、そのキーを削除することもできませんでした。キー {old} を引き続き使います。`elevate-tray keys rotate` をもう一度実行して後始末してください。</translation>
    </message>
    <message>
        <source>AWS did not accept those codes: wait for two new consecutive codes and try again.</source>
        <translation>AWS はこれらのコードを受け付けませんでした。新しく連続する 2 つのコードが表示されるのを待ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>AWS did not answer in time while trying to {action}; check your network connection and try again.</source>
        <translation>{action}中に AWS から時間内に応答がありませんでした。ネットワーク接続を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>AWS does not know the access key of profile '{profile}' (unknown, inactive or deleted); put a current key in your AWS credentials file.</source>
        <translation>プロファイル '{profile}' のアクセスキーを AWS が認識できません (不明、無効、または削除済み)。AWS の認証情報ファイルに有効なキーを設定してください。</translation>
    </message>
    <message>
        <source>AWS granted the session but this computer could not save it ({problem}); free space and elevate again.</source>
        <translation>AWS はセッションを許可しましたが、このコンピューターに保存できませんでした ({problem})。空き容量を確保して、もう一度昇格してください。</translation>
    </message>
    <message>
        <source>AWS is rate-limiting requests (Rate exceeded); wait a minute and try again.</source>
        <translation>AWS がリクエストを制限しています (Rate exceeded)。1 分ほど待ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>AWS refused the code generated from your kept TOTP secret: another program (the AWS CLI, an SDK) probably used it a moment ago, and AWS accepts each code once. Try again when the next code appears (within 30 seconds).</source>
        <translation>保存した TOTP シークレットから生成したコードを AWS が拒否しました。直前にほかのプログラム (AWS CLI や SDK) がこのコードを使ったと思われます。AWS は各コードを一度しか受け付けません。次のコードが表示されたら (30 秒以内) もう一度試してください。</translation>
    </message>
    <message>
        <source>AWS refused the request because this computer's clock is more than 5 minutes off; set the clock right (turn on automatic time) and try again.</source>
        <translation>このコンピューターの時計が 5 分以上ずれているため、AWS がリクエストを拒否しました。時計を合わせて (時刻の自動設定をオンにして)、もう一度お試しください。</translation>
    </message>
    <message>
        <source>AWS refused to show the org profile's account {account} the organization's OUs and accounts; use the management account's profile, or that of a delegated administrator for CloudFormation StackSets, as --org-profile.</source>
        <translation>AWS は組織プロファイルのアカウント {account} に組織の OU とアカウントを見せませんでした。管理アカウントのプロファイル、または CloudFormation StackSets の委任管理者のプロファイルを --org-profile に指定してください。</translation>
    </message>
    <message>
        <source>AWS refused to {action} ({code}: {message}).</source>
        <translation>AWS が{action}を拒否しました ({code}: {message})。</translation>
    </message>
    <message>
        <source>AWS refused to {action} ({detail}); ask your account admin to check the group's policies and the role's trust policy (elevate-tray setup doctor).</source>
        <translation>AWS が{action}を拒否しました ({detail})。アカウント管理者に、グループのポリシーとロールの信頼ポリシーを確認するよう依頼してください (elevate-tray setup doctor)。</translation>
    </message>
    <message>
        <source>AWS rejected the MFA code: it is wrong or too old. Type the code your device shows right now (check the device's clock if this keeps happening).</source>
        <translation>AWS が MFA コードを拒否しました。コードが間違っているか、古くなっています。デバイスに今表示されているコードを入力してください (繰り返し発生する場合は、デバイスの時計を確認してください)。</translation>
    </message>
    <message>
        <source>AWS rejected the code printed by the mfa_process of profile '{profile}': it may print another device's code (this one is {serial}), or another program used the code a moment ago; check the command, or type the code.</source>
        <translation>プロファイル '{profile}' の mfa_process が出力したコードを AWS が拒否しました。別のデバイスのコードを出力している (このデバイスは {serial} です) か、ほかのプログラムが直前にそのコードを使った可能性があります。コマンドを確認するか、コードを入力してください。</translation>
    </message>
    <message>
        <source>AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_STS / _IAM) is not a usable URL; write it like https://sts.eu-west-1.amazonaws.com or unset it.</source>
        <translation>AWS_ENDPOINT_URL (または AWS_ENDPOINT_URL_STS / _IAM) が使える URL ではありません。https://sts.eu-west-1.amazonaws.com のように書くか、設定を外してください。</translation>
    </message>
    <message>
        <source>Accounts that join these OUs later get the roles by auto-deployment, and `targets sync` lists them with no re-publish: the organization's resource policy lets the identity account read the OUs.</source>
        <translation>後からこれらの OU に加わるアカウントには自動デプロイでロールが作成され、`targets sync` は再公開なしで一覧表示します。組織のリソースポリシーにより ID アカウントが OU を読み取れるためです。</translation>
    </message>
    <message>
        <source>Accounts that join these OUs later get the roles by auto-deployment; run `elevate-tray setup org publish` then, so that `targets sync` lists them.</source>
        <translation>後からこれらの OU に加わるアカウントには自動デプロイでロールが作成されます。そのときは `elevate-tray setup org publish` を実行して、`targets sync` に一覧表示されるようにしてください。</translation>
    </message>
    <message>
        <source>An MFA code is 6 digits, as your authenticator app shows it.</source>
        <translation>MFA コードは、認証アプリに表示される 6 桁の数字です。</translation>
    </message>
    <message>
        <source>An earlier rotation was interrupted after AWS created the key {key}, whose secret was never kept; that key is now deleted.</source>
        <translation>以前のローテーションが、AWS がキー {key} を作成した後に中断され、そのシークレットは保存されていませんでした。そのキーは削除しました。</translation>
    </message>
    <message>
        <source>An organizational unit of the published account list is no longer in the organization {organization}; ask your admin to run `elevate-tray setup org apply` with the OUs to use now.</source>
        <translation>公開されたアカウント一覧の組織単位 (OU) が組織 {organization} にもうありません。今使う OU を指定して `elevate-tray setup org apply` を実行するよう管理者に依頼してください。</translation>
    </message>
    <message>
        <source>Collecting the receipt for {target} needs a read-only MFA session; give a code with --code, or start one with `elevate-tray credentials --readonly --target {target}`.</source>
        <translation>{target} の操作記録の収集には読み取り専用の MFA セッションが必要です。--code でコードを指定するか、`elevate-tray credentials --readonly --target {target}` でセッションを開始してください。</translation>
    </message>
    <message>
        <source>Could not reach AWS to {action} (no connection to the endpoint); check your network connection, proxy or AWS_ENDPOINT_URL, and try again.</source>
        <translation>{action}のために AWS に接続できませんでした (エンドポイントに接続できません)。ネットワーク接続、プロキシ、または AWS_ENDPOINT_URL を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Could not reach the AWS sign-in endpoint ({host}); check your network connection and try again.</source>
        <translation>AWS サインインエンドポイント ({host}) に接続できませんでした。ネットワーク接続を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Could not {action}: AWS says it does not exist ({message}).</source>
        <translation>{action}に失敗しました。AWS によると対象が存在しません ({message})。</translation>
    </message>
    <message>
        <source>Could not {action}: {error}.</source>
        <translation>{action}に失敗しました: {error}。</translation>
    </message>
    <message>
        <source>Creating the new access key failed ({problem}), and AWS may have made one anyway; run `elevate-tray keys rotate` again to find and delete it.</source>
        <translation>新しいアクセスキーの作成に失敗しましたが ({problem})、AWS がキーを作成している可能性があります。`elevate-tray keys rotate` をもう一度実行して、見つけて削除してください。</translation>
    </message>
    <message>
        <source>Creating the new access key failed ({problem}); the key {key} AWS made anyway is deleted, and {old} stays in use; try again later.</source>
        <translation>新しいアクセスキーの作成に失敗しました ({problem})。それでも AWS が作成したキー {key} は削除し、{old} を引き続き使います。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>Creating the new access key…</source>
        <translation>新しいアクセスキーを作成しています…</translation>
    </message>
    <message>
        <source>Deactivating and deleting the old key…</source>
        <translation>古いキーを無効化して削除しています…</translation>
    </message>
    <message>
        <source>Dropped {target} and revoked it in AWS.</source>
        <translation>{target} を降格し、AWS 上でも無効化しました。</translation>
    </message>
    <message>
        <source>Dropped {target} here, but it was not revoked in AWS: {problem}</source>
        <translation>このコンピューターでは {target} を降格しましたが、AWS 上では無効化されていません: {problem}</translation>
    </message>
    <message>
        <source>Dropped {target} here, but the revocation in AWS is pending: {problem} Retry with “Drop and revoke” in the tray or `elevate-tray drop --revoke`; it ends by itself at {until}, when the session would have expired.</source>
        <translation>このコンピューターでは {target} を降格しましたが、AWS 上での無効化は保留中です: {problem} トレイの「降格して AWS で無効化」か `elevate-tray drop --revoke` で再試行してください。保留はセッションの期限 {until} に自動で終わります。</translation>
    </message>
    <message>
        <source>Dropped {target}.</source>
        <translation>{target} を降格しました。</translation>
    </message>
    <message>
        <source>Enter two consecutive 6-digit codes from the authenticator app (two different codes, one after the other).</source>
        <translation>認証アプリに続けて表示される 6 桁のコードを 2 つ入力してください (異なる 2 つのコードを順番に)。</translation>
    </message>
    <message>
        <source>IAM user {user} already has a second access key, {key} ({status}, created {created}), and AWS allows two: delete it if nothing uses it (`aws iam delete-access-key --user-name {user} --access-key-id {key_id}`), then rotate again.</source>
        <translation>IAM ユーザー {user} にはすでに 2 つ目のアクセスキー {key} ({status}、{created} 作成) があり、AWS が許すのは 2 つまでです。何も使っていなければ削除して (`aws iam delete-access-key --user-name {user} --access-key-id {key_id}`)、もう一度ローテーションしてください。</translation>
    </message>
    <message>
        <source>In {path}, '{key}' should be {expected}, not {actual}.</source>
        <translation>{path} の '{key}' は {actual} ではなく {expected} である必要があります。</translation>
    </message>
    <message>
        <source>In {path}, [targets.{name}] must be a table.</source>
        <translation>{path} の [targets.{name}] はテーブルである必要があります。</translation>
    </message>
    <message>
        <source>In {path}, [targets] must be a table of tables.</source>
        <translation>{path} の [targets] はテーブルのテーブルである必要があります。</translation>
    </message>
    <message>
        <source>In {path}, countdown_window_pos must be two whole numbers [x, y], or [].</source>
        <translation>{path} の countdown_window_pos は 2 つの整数 [x, y] か [] にしてください。</translation>
    </message>
    <message>
        <source>In {path}, default_duration must be from 900 to 43200 seconds (15 minutes to 12 hours).</source>
        <translation>{path} の default_duration は 900〜43200 秒 (15 分〜12 時間) である必要があります。</translation>
    </message>
    <message>
        <source>In {path}, key_rotation_days must be from 0 (never remind) to {high} days.</source>
        <translation>{path} の key_rotation_days は 0 (通知しない) から {high} 日の範囲にしてください。</translation>
    </message>
    <message>
        <source>In {path}, profile '{profile}' has an mfa_process spread over several lines; write the command on one line.</source>
        <translation>{path} のプロファイル '{profile}' の mfa_process が複数行にわたっています。コマンドを 1 行で書いてください。</translation>
    </message>
    <message>
        <source>In {path}, profile '{profile}' has duration_seconds = {value}; it must be a whole number of seconds from 900 to 43200.</source>
        <translation>{path} のプロファイル '{profile}' の duration_seconds = {value} は無効です。900〜43200 の秒数を整数で指定してください。</translation>
    </message>
    <message>
        <source>In {path}, profile '{profile}' has mfa_serial = {serial}, which is neither an MFA device ARN nor a hardware token's serial number.</source>
        <translation>{path} のプロファイル '{profile}' の mfa_serial = {serial} は、MFA デバイスの ARN でもハードウェアトークンのシリアル番号でもありません。</translation>
    </message>
    <message>
        <source>In {path}, profile '{profile}' has role_arn = {arn}, which is not an ARN (expected arn:aws:iam::ACCOUNT:role/NAME).</source>
        <translation>{path} のプロファイル '{profile}' の role_arn = {arn} は ARN ではありません (arn:aws:iam::ACCOUNT:role/NAME の形式で指定してください)。</translation>
    </message>
    <message>
        <source>In {path}, profile '{profile}' has role_arn = {arn}, which is not an IAM role ARN.</source>
        <translation>{path} のプロファイル '{profile}' の role_arn = {arn} は IAM ロールの ARN ではありません。</translation>
    </message>
    <message>
        <source>In {path}, profile '{profile}' names source_profile = {source}, but there is no profile '{source}' in {path} or {credentials}: add it, or correct the name.</source>
        <translation>{path} のプロファイル '{profile}' は source_profile = {source} を指定していますが、{path} にも {credentials} にもプロファイル '{source}' がありません。プロファイルを追加するか、名前を修正してください。</translation>
    </message>
    <message>
        <source>In {path}, profile '{profile}' uses region {region}, which is not an AWS region name (like us-east-1).</source>
        <translation>{path} のプロファイル '{profile}' が使うリージョン {region} は、AWS のリージョン名 (us-east-1 など) ではありません。</translation>
    </message>
    <message>
        <source>In {path}, profile '{profile}' uses region {region}, which is not in the {partition} partition of its role {arn}.</source>
        <translation>{path} のプロファイル '{profile}' が使うリージョン {region} は、ロール {arn} の {partition} パーティションに含まれていません。</translation>
    </message>
    <message>
        <source>In {path}, targets.{name}.max_duration must be 0 (unknown) or from 900 to 43200 seconds.</source>
        <translation>{path} の targets.{name}.max_duration は 0 (不明) か 900〜43200 秒にしてください。</translation>
    </message>
    <message>
        <source>In {path}, targets.{name}.{key} should be {expected}, not {actual}.</source>
        <translation>{path} の targets.{name}.{key} は {actual} ではなく {expected} である必要があります。</translation>
    </message>
    <message>
        <source>In {path}, the Browser command holds a NUL character: fix it in Settings.</source>
        <translation>{path} の「ブラウザーのコマンド」に NUL 文字が含まれています。設定で修正してください。</translation>
    </message>
    <message>
        <source>In {path}, the Browser for {name} is unknown ({kind}): choose it again in Settings.</source>
        <translation>{path} の {name} の「ブラウザー」({kind}) は不明です。設定で選び直してください。</translation>
    </message>
    <message>
        <source>In {path}, the Browser for {name} names no program: choose it again in Settings.</source>
        <translation>{path} の {name} の「ブラウザー」にプログラムが指定されていません。設定で選び直してください。</translation>
    </message>
    <message>
        <source>In {path}, the Browser, Profile or Browser command of {name} holds a NUL character: choose them again in Settings.</source>
        <translation>{path} の {name} の「ブラウザー」「プロファイル」「ブラウザーのコマンド」のいずれかに NUL 文字が含まれています。設定で選び直してください。</translation>
    </message>
    <message>
        <source>In {path}, warnings must list seconds before the end, like [300, 60].</source>
        <translation>{path} の warnings には終了前の秒数を [300, 60] のように並べてください。</translation>
    </message>
    <message>
        <source>In {path}, {key} must be from {low} to {high} seconds ({meaning}).</source>
        <translation>{path} の {key} は {low} から {high} 秒の範囲にしてください ({meaning})。</translation>
    </message>
    <message>
        <source>In {path}, {name} opens a custom command but its Browser command is empty: fill it in in Settings, or choose another Browser.</source>
        <translation>{path} の {name} はカスタムコマンドで開く設定ですが、「ブラウザーのコマンド」が空です。設定で入力するか、別の「ブラウザー」を選んでください。</translation>
    </message>
    <message>
        <source>Looked in {regions} only: these credentials cannot list the account's Regions (ec2:DescribeRegions).</source>
        <translation>{regions} だけを調べました。この認証情報ではアカウントのリージョンを一覧表示できません (ec2:DescribeRegions)。</translation>
    </message>
    <message>
        <source>Name at least one organizational unit with --ou ou-....</source>
        <translation>--ou ou-... で組織単位を少なくとも 1 つ指定してください。</translation>
    </message>
    <message>
        <source>Name the profile with your IAM user's keys: elevate-tray targets sync --profile NAME (profiles: {names}).</source>
        <translation>IAM ユーザーのキーを持つプロファイルを指定してください: elevate-tray targets sync --profile NAME (プロファイル: {names})。</translation>
    </message>
    <message>
        <source>No AWS profile with your IAM user's keys is configured, so there is nothing to sync from; add one (`aws configure --profile NAME`), then run `elevate-tray targets sync --profile NAME`.</source>
        <translation>IAM ユーザーのキーを持つ AWS プロファイルが設定されていないため、同期元がありません。プロファイルを追加 (`aws configure --profile NAME`) してから `elevate-tray targets sync --profile NAME` を実行してください。</translation>
    </message>
    <message>
        <source>No access key is kept for profile '{profile}'; `elevate-tray keys import --profile {profile}` keeps one.</source>
        <translation>プロファイル '{profile}' のアクセスキーは保管されていません。`elevate-tray keys import --profile {profile}` で保管できます。</translation>
    </message>
    <message>
        <source>No account list is published in account {account} any more (the organization's setup was removed), so the {count} profile(s) targets sync wrote for it were removed: {profiles}.</source>
        <translation>アカウント {account} にはもうアカウント一覧が公開されていません (組織のセットアップが削除されました)。そのため targets sync が書いた {count} 個のプロファイルを削除しました: {profiles}。</translation>
    </message>
    <message>
        <source>No account list is published in account {account}; ask your admin to run `elevate-tray setup org apply`.</source>
        <translation>アカウント {account} にはアカウント一覧が公開されていません。管理者に `elevate-tray setup org apply` の実行を依頼してください。</translation>
    </message>
    <message>
        <source>No duration was given: write it like 30m, 1h or 1h30m.</source>
        <translation>時間が指定されていません。30m、1h、1h30m のように指定してください。</translation>
    </message>
    <message>
        <source>No free profile name near '{name}'; pass --target.</source>
        <translation>'{name}' に近い空いているプロファイル名がありません。--target を指定してください。</translation>
    </message>
    <message>
        <source>No key is kept for profile '{profile}'.</source>
        <translation>プロファイル '{profile}' のキーは保管されていません。</translation>
    </message>
    <message>
        <source>No target is configured: add a profile with role_arn and source_profile to your AWS config, or run `{setup}`, or try the local sandbox with `{sandbox}`.</source>
        <translation>対象が設定されていません。AWS の設定に role_arn と source_profile を持つプロファイルを追加するか、`{setup}` を実行してください。ローカルのサンドボックスを試す場合は `{sandbox}` を使います。</translation>
    </message>
    <message>
        <source>No target is configured: add a profile with role_arn and source_profile to your AWS config, or run `{setup}`.</source>
        <translation>対象が設定されていません。AWS の設定に role_arn と source_profile を持つプロファイルを追加するか、`{setup}` を実行してください。</translation>
    </message>
    <message>
        <source>No usable OS keyring was found, so elevate-tray keeps secrets in files only you can read (under {dir}), as the AWS CLI does for its own role cache.</source>
        <translation>使用できる OS のキーリングが見つからないため、elevate-tray はシークレットをあなただけが読めるファイル ({dir} の下) に保存します。AWS CLI が自身のロールキャッシュで行っているのと同じ方法です。</translation>
    </message>
    <message>
        <source>No web browser could be opened on this computer.</source>
        <translation>このコンピューターではウェブブラウザーを開けませんでした。</translation>
    </message>
    <message>
        <source>Not elevated for {target}: there is no admin session for it. Elevate with the tray or `elevate-tray elevate --target {target}`.</source>
        <translation>{target} には昇格していません: 管理者セッションはありません。トレイか `elevate-tray elevate --target {target}` で昇格してください。</translation>
    </message>
    <message>
        <source>Not elevated: the console sign-in needs a live admin session; elevate first.</source>
        <translation>昇格していません。コンソールへのサインインには有効な管理者セッションが必要です。先に昇格してください。</translation>
    </message>
    <message>
        <source>Not elevated: there is no admin session. Elevate with the tray or `elevate-tray elevate`.</source>
        <translation>昇格していません: 管理者セッションはありません。トレイか `elevate-tray elevate` で昇格してください。</translation>
    </message>
    <message>
        <source>Note: with a command on the same machine as your access keys printing your MFA codes, MFA is one factor, not two, unless the command needs you every time (a security key you touch, a password manager you unlock).</source>
        <translation>注意: アクセスキーと同じコンピューター上のコマンドが MFA コードを出力すると、MFA は 2 つの要素ではなく 1 つになります。ただし、そのコマンドが毎回あなたの操作を必要とする場合 (触れる必要のあるセキュリティキー、ロック解除が必要なパスワードマネージャー) は別です。</translation>
    </message>
    <message>
        <source>Only an IAM user can have an MFA device; this profile is not one.</source>
        <translation>MFA デバイスを持てるのは IAM ユーザーだけですが、このプロファイルは IAM ユーザーではありません。</translation>
    </message>
    <message>
        <source>Only the management account can put the organization's resource policy, so `targets sync` sees accounts that join these OUs only after `elevate-tray setup org publish`; an apply with the management account's profile lets it read them live.</source>
        <translation>組織のリソースポリシーを設定できるのは管理アカウントだけです。そのため `targets sync` がこれらの OU に加わるアカウントを認識するのは `elevate-tray setup org publish` の後になります。管理アカウントのプロファイルで apply すると、その場で読み取れるようになります。</translation>
    </message>
    <message>
        <source>Organizations did not let your read-only session read the organization ({code}), so these are the accounts of the list published at {published}; an account that joined its OUs since then appears once your admin runs `elevate-tray setup org publish`.</source>
        <translation>Organizations が読み取り専用セッションによる組織の読み取りを許可しなかった ({code}) ため、{published} に公開された一覧のアカウントを使います。その後 OU に加わったアカウントは、管理者が `elevate-tray setup org publish` を実行すると表示されます。</translation>
    </message>
    <message>
        <source>Profile '{profile}' already has a credential_process of its own; remove it (or the keys) from the profile, then import.</source>
        <translation>プロファイル '{profile}' にはすでに独自の credential_process があります。プロファイルからそれ (またはキー) を削除してから、インポートしてください。</translation>
    </message>
    <message>
        <source>Profile '{profile}' assumes a role that needs an MFA code (mfa_serial) and there is no terminal to ask for it; give the code (setup's --mfa-code) or use a profile with an IAM user's own keys.</source>
        <translation>プロファイル '{profile}' は MFA コードが必要なロール (mfa_serial) を引き受けますが、コードを尋ねる端末がありません。コードを指定する (setup の --mfa-code) か、IAM ユーザー自身のキーを持つプロファイルを使用してください。</translation>
    </message>
    <message>
        <source>Profile '{profile}' exists and was not written by targets sync, so it is left as it is; account {name} ({account}) is '{other}'.</source>
        <translation>プロファイル '{profile}' は既に存在し、targets sync が書いたものではないため、そのままにします。アカウント {name} ({account}) は '{other}' になります。</translation>
    </message>
    <message>
        <source>Profile '{profile}' has no aws_access_key_id and aws_secret_access_key in {path}; there is nothing to import.</source>
        <translation>{path} のプロファイル '{profile}' には aws_access_key_id と aws_secret_access_key がありません。インポートするものはありません。</translation>
    </message>
    <message>
        <source>Profile '{profile}' has no usable access keys: set aws_access_key_id and aws_secret_access_key for it in your AWS credentials file.</source>
        <translation>プロファイル '{profile}' に使用できるアクセスキーがありません。AWS の認証情報ファイルで aws_access_key_id と aws_secret_access_key を設定してください。</translation>
    </message>
    <message>
        <source>Profile '{profile}' in {path} has only one of aws_access_key_id and aws_secret_access_key; write both, then import.</source>
        <translation>{path} のプロファイル '{profile}' には aws_access_key_id と aws_secret_access_key の片方しかありません。両方を書いてから、インポートしてください。</translation>
    </message>
    <message>
        <source>Profile '{profile}' in {path} holds temporary credentials (aws_session_token); only an IAM user's long-term keys are kept.</source>
        <translation>{path} のプロファイル '{profile}' は一時的な認証情報 (aws_session_token) です。保管できるのは IAM ユーザーの長期キーだけです。</translation>
    </message>
    <message>
        <source>STS is not activated in this region for the account; set another region in profile '{profile}', or activate the region in IAM.</source>
        <translation>このアカウントでは、このリージョンの STS が有効化されていません。プロファイル '{profile}' で別のリージョンを設定するか、IAM でリージョンを有効化してください。</translation>
    </message>
    <message>
        <source>Several targets are configured; choose one with --target ({names}).</source>
        <translation>複数の対象が設定されています。--target で 1 つ選択してください ({names})。</translation>
    </message>
    <message>
        <source>Starting an MFA session to manage your access keys…</source>
        <translation>アクセスキーを管理するための MFA セッションを開始しています…</translation>
    </message>
    <message>
        <source>Step {index} of {total} ({step}) failed: {error} The {done} step(s) before it are done; run the same setup again to continue from there.</source>
        <translation>ステップ {index}/{total} ({step}) に失敗しました: {error} それより前の {done} 個のステップは完了しています。同じセットアップをもう一度実行すると、そこから続行します。</translation>
    </message>
    <message>
        <source>That MFA code was already used; AWS accepts each code once. Wait for your device to show the next code (they change every 30 seconds) and try again.</source>
        <translation>この MFA コードは使用済みです。AWS は各コードを 1 回しか受け付けません。デバイスに次のコードが表示されるまで待ってから (コードは 30 秒ごとに変わります)、もう一度お試しください。</translation>
    </message>
    <message>
        <source>That is not a TOTP secret: expected the base32 key your MFA device was set up with (letters A-Z and digits 2-7, at least 16 of them).</source>
        <translation>TOTP シークレットではありません。MFA デバイスの設定に使った base32 のキー (A〜Z の英字と 2〜7 の数字で 16 文字以上) を入力してください。</translation>
    </message>
    <message>
        <source>The AWS endpoint answered with something that is not AWS (a captive portal or a proxy's error page?); sign in to the network or check AWS_ENDPOINT_URL, then try again.</source>
        <translation>AWS のエンドポイントが AWS ではない応答を返しました (キャプティブポータルやプロキシのエラーページかもしれません)。ネットワークにサインインするか AWS_ENDPOINT_URL を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The AWS file {path} could not be changed ({problem}), so it is as it was; check that you can write it and its folder (and that the disk has room), then try again.</source>
        <translation>AWS のファイル {path} を変更できなかったため ({problem})、ファイルは元のままです。そのファイルとフォルダーに書き込めること (とディスクに空きがあること) を確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The AWS file {path} is a folder, not a file: point {variable} at the file itself, or move the folder away.</source>
        <translation>AWS のファイル {path} はファイルではなくフォルダーです。{variable} でファイルそのものを指定するか、フォルダーを別の場所に移動してください。</translation>
    </message>
    <message>
        <source>The AWS file {path} is not a regular file: point {variable} at the file itself.</source>
        <translation>AWS のファイル {path} は通常のファイルではありません。{variable} でファイルそのものを指定してください。</translation>
    </message>
    <message>
        <source>The AWS file {where} cannot be read: {why}.</source>
        <translation>AWS のファイル {where} を読み取れません: {why}。</translation>
    </message>
    <message>
        <source>The AWS profile '{profile}' does not exist in your AWS config; check its name (`aws configure list-profiles` lists them).</source>
        <translation>AWS プロファイル '{profile}' が AWS の設定にありません。名前を確認してください (一覧は `aws configure list-profiles` で確認できます)。</translation>
    </message>
    <message>
        <source>The AWS sign-in endpoint answered without a sign-in token.</source>
        <translation>AWS サインインエンドポイントの応答にサインイントークンが含まれていませんでした。</translation>
    </message>
    <message>
        <source>The AWS sign-in endpoint closed the connection; try again.</source>
        <translation>AWS サインインエンドポイントが接続を切断しました。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The AWS sign-in endpoint failed (HTTP {status}); try again in a minute.</source>
        <translation>AWS のサインインエンドポイントでエラーが起きました (HTTP {status})。1 分ほどしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The AWS sign-in endpoint refused the session's credentials (HTTP {status}); elevate again and retry.</source>
        <translation>AWS サインインエンドポイントがセッションの認証情報を拒否しました (HTTP {status})。もう一度昇格してから再試行してください。</translation>
    </message>
    <message>
        <source>The Browser chosen for {target} in Settings could not be started ({program}): choose it again in Settings, or choose another Browser for {target}.</source>
        <translation>設定で {target} に選んだ「ブラウザー」を起動できませんでした ({program})。設定で選び直すか、{target} に別の「ブラウザー」を選んでください。</translation>
    </message>
    <message>
        <source>The Browser command for {target} in Settings cannot be read (check its quotes): fix it in Settings, or choose another Browser for {target}.</source>
        <translation>設定の {target} の「ブラウザーのコマンド」を読み取れません (引用符を確認してください)。設定で修正するか、{target} に別の「ブラウザー」を選んでください。</translation>
    </message>
    <message>
        <source>The Browser command in Settings cannot be read (check its quotes): fix it in Settings, or leave it empty for the default browser.</source>
        <translation>設定の「ブラウザーのコマンド」を読み取れません (引用符を確認してください)。設定で修正するか、空欄にして既定のブラウザーを使ってください。</translation>
    </message>
    <message>
        <source>The Browser command in Settings could not be started ({program}): fix it in Settings, or leave it empty for the default browser.</source>
        <translation>設定の「ブラウザーのコマンド」を起動できませんでした ({program})。設定で修正するか、空欄にして既定のブラウザーを使ってください。</translation>
    </message>
    <message>
        <source>The Firefox profile {profile} chosen for {target} in Settings does not have the “Open external links in a container” extension, and Firefox would search the web for the address: install the extension in that profile, or choose another Browser for {target}.</source>
        <translation>設定で {target} に選んだ Firefox のプロファイル {profile} には拡張機能「Open external links in a container」がなく、Firefox はアドレスをウェブ検索してしまいます。そのプロファイルに拡張機能をインストールするか、{target} に別の「ブラウザー」を選んでください。</translation>
    </message>
    <message>
        <source>The IAM user of profile '{profile}' has no MFA device; assign one in the IAM console (or with `elevate-tray setup mfa-device`) first.</source>
        <translation>プロファイル '{profile}' の IAM ユーザーには MFA デバイスがありません。先に IAM コンソールで (または `elevate-tray setup` で) 割り当ててください。</translation>
    </message>
    <message>
        <source>The MFA device {serial} is not assigned to the user of profile '{profile}'; set mfa_serial in the profile to that user's device ARN.</source>
        <translation>MFA デバイス {serial} はプロファイル '{profile}' のユーザーに割り当てられていません。プロファイルの mfa_serial に、そのユーザーのデバイスの ARN を設定してください。</translation>
    </message>
    <message>
        <source>The MFA request for {target} in the tray was not answered within {seconds} s; run the command again to be asked again.</source>
        <translation>トレイでの {target} の MFA 要求に {seconds} 秒以内に応答がありませんでした。もう一度尋ねるには、コマンドを再実行してください。</translation>
    </message>
    <message>
        <source>The MFA request for {target} in the tray went unanswered moments ago; run the command again in {seconds} s to be asked again.</source>
        <translation>トレイでの {target} の MFA 要求は先ほど応答がありませんでした。もう一度尋ねるには、{seconds} 秒後にコマンドを再実行してください。</translation>
    </message>
    <message>
        <source>The MFA request for {target} was cancelled in the tray moments ago; run the command again in {seconds} s to be asked again.</source>
        <translation>トレイで {target} の MFA 要求が先ほどキャンセルされました。もう一度尋ねるには、{seconds} 秒後にコマンドを再実行してください。</translation>
    </message>
    <message>
        <source>The MFA request for {target} was cancelled in the tray; run the command again to be asked again.</source>
        <translation>トレイで {target} の MFA 要求がキャンセルされました。もう一度尋ねるには、コマンドを再実行してください。</translation>
    </message>
    <message>
        <source>The OS keyring could not be used ({problem}); unlock it (or log in to your desktop session) and try again.</source>
        <translation>OS のキーリングを使用できませんでした ({problem})。キーリングのロックを解除して (またはデスクトップセッションにログインして)、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The OS keyring could not be used, so this session's credentials are kept in a file only you can read (under {dir}).</source>
        <translation>OS のキーリングを使用できなかったため、このセッションの認証情報はあなただけが読めるファイル ({dir} の下) に保存されています。</translation>
    </message>
    <message>
        <source>The OS keyring is locked; unlock it (your desktop's keyring or password manager) and try again.</source>
        <translation>OS のキーリングがロックされています。(デスクトップのキーリングまたはパスワードマネージャーで) ロックを解除して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The StackSet operation {operation}</source>
        <translation>StackSet のオペレーション {operation}</translation>
    </message>
    <message>
        <source>The StackSet operation {operation} of an earlier apply is still running; apply follows it to its end first.</source>
        <translation>以前の apply の StackSet オペレーション {operation} がまだ実行中です。apply はまずその終了まで追跡します。</translation>
    </message>
    <message>
        <source>The account changed since the plan was shown; review the new plan and apply again.</source>
        <translation>計画を表示した後にアカウントが変更されました。新しい計画を確認して、もう一度適用してください。</translation>
    </message>
    <message>
        <source>The account changed since the teardown plan was shown; review it again.</source>
        <translation>削除計画を表示した後にアカウントが変更されました。もう一度確認してください。</translation>
    </message>
    <message>
        <source>The account {account} has a name too long to publish; shorten it.</source>
        <translation>アカウント {account} の名前が長すぎて公開できません。短くしてください。</translation>
    </message>
    <message>
        <source>The account(s) {accounts} given with --accounts are not in the chosen OUs ({ous}); --accounts only narrows the OUs' accounts.</source>
        <translation>--accounts で指定したアカウント {accounts} は選んだ OU ({ous}) にありません。--accounts は OU のアカウントを絞り込むだけです。</translation>
    </message>
    <message>
        <source>The admin session for {target} has lost its credentials (they are no longer in the secret store), so it was ended here; elevate again.</source>
        <translation>{target} の管理者セッションの認証情報が失われた (シークレットストアにありません) ため、ここで終了しました。もう一度昇格してください。</translation>
    </message>
    <message>
        <source>The browser did not open the AWS console for {target} within {seconds} s; run `elevate-tray console --print-url` and open the URL yourself, or choose another browser for {target} in Settings.</source>
        <translation>ブラウザーが {seconds} 秒以内に {target} の AWS コンソールを開きませんでした。`elevate-tray console --print-url` を実行して URL を自分で開くか、設定で {target} に別のブラウザーを選んでください。</translation>
    </message>
    <message>
        <source>The chosen OUs and the account filter are too long to publish; choose fewer.</source>
        <translation>選んだ OU とアカウントフィルターが長すぎて公開できません。数を減らしてください。</translation>
    </message>
    <message>
        <source>The console sign-in could not be handed to the browser ({error}).</source>
        <translation>コンソールのサインインをブラウザーに渡せませんでした ({error})。</translation>
    </message>
    <message>
        <source>The credential_process of profile '{profile}' failed or printed something other than credentials; run that command yourself to see why, and fix it in your AWS config.</source>
        <translation>プロファイル '{profile}' の credential_process が失敗したか、認証情報ではないものを出力しました。そのコマンドを自分で実行して原因を確認し、AWS の設定を修正してください。</translation>
    </message>
    <message>
        <source>The data file {path} is missing from this installation; reinstall elevate-tray.</source>
        <translation>データファイル {path} がこのインストールにありません。elevate-tray を再インストールしてください。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist, so the template cannot be written to {path}; create the folder first, or choose another --output.</source>
        <translation>フォルダー {folder} がないため、テンプレートを {path} に書き込めません。先にフォルダーを作成するか、--output で別の場所を選択してください。</translation>
    </message>
    <message>
        <source>The folder {path} belongs to another user, so elevate-tray will not use it: remove it (as its owner or root), or set ELEVATE_TRAY_HOME to a folder of your own.</source>
        <translation>フォルダー {path} は別のユーザーのものなので、elevate-tray は使用しません。(所有者または root として) 削除するか、ELEVATE_TRAY_HOME に自分のフォルダーを設定してください。</translation>
    </message>
    <message>
        <source>The folder {path} can be changed by other users, so elevate-tray will not use it: run chmod 700 {path}.</source>
        <translation>フォルダー {path} はほかのユーザーが変更できるため、elevate-tray は使用しません。chmod 700 {path} を実行してください。</translation>
    </message>
    <message>
        <source>The folder {path} cannot be checked ({error}); fix its permissions, or set ELEVATE_TRAY_HOME to a folder of your own.</source>
        <translation>フォルダー {path} を確認できません ({error})。権限を修正するか、ELEVATE_TRAY_HOME に自分のフォルダーを設定してください。</translation>
    </message>
    <message>
        <source>The folder {path} for the tray's socket belongs to another user or is not private, so the tray cannot use it: remove it (as its owner or root), or set XDG_RUNTIME_DIR to a folder of your own with mode 700.</source>
        <translation>トレイのソケット用フォルダー {path} は別のユーザーのものか非公開ではないため、トレイは使用できません。(所有者または root として) 削除するか、XDG_RUNTIME_DIR にモード 700 の自分のフォルダーを設定してください。</translation>
    </message>
    <message>
        <source>The group's assume policy allows {role} and {readonly} in any account (arn:{partition}:iam::*:role/...): a member may assume a role of those names wherever its trust policy admits the identity account {identity} with MFA, so an account joining the OUs needs no change on the identity side. The alternative is to list the account IDs in the policy, at the cost of an identity-side change for every new account.</source>
        <translation>グループの引き受けポリシーは、あらゆるアカウントの {role} と {readonly} を許可します (arn:{partition}:iam::*:role/...)。メンバーは、信頼ポリシーが ID アカウント {identity} を MFA 付きで受け入れる限り、どのアカウントでもその名前のロールを引き受けられます。そのため OU に加わるアカウントに ID 側の変更は不要です。代わりにポリシーにアカウント ID を列挙することもできますが、新しいアカウントのたびに ID 側の変更が必要になります。</translation>
    </message>
    <message>
        <source>The key kept for profile '{profile}' is missing from its store; import the profile's keys again.</source>
        <translation>プロファイル '{profile}' 用に保管したキーが保管場所にありません。プロファイルのキーをもう一度インポートしてください。</translation>
    </message>
    <message>
        <source>The key kept for profile '{profile}' is missing from the {store} store; write the profile's keys into {path} again.</source>
        <translation>プロファイル '{profile}' 用に保管したキーが {store} ストアにありません。プロファイルのキーを {path} にもう一度書いてください。</translation>
    </message>
    <message>
        <source>The key of profile '{profile}' is not an IAM user's, so it cannot be rotated here.</source>
        <translation>プロファイル '{profile}' のキーは IAM ユーザーのものではないため、ここではローテーションできません。</translation>
    </message>
    <message>
        <source>The management account {account} is among the chosen accounts and StackSets never deploy there; run with the management account's profile as --org-profile to deploy it as a plain stack, or leave it out with --accounts.</source>
        <translation>管理アカウント {account} が選んだアカウントに含まれていますが、StackSets は管理アカウントには決してデプロイしません。通常のスタックとしてデプロイするには管理アカウントのプロファイルを --org-profile に指定するか、--accounts で除外してください。</translation>
    </message>
    <message>
        <source>The management account {account} is among the chosen accounts: StackSets never deploy there, so the member template goes there as the plain stack {name}.</source>
        <translation>管理アカウント {account} が選んだアカウントに含まれています。StackSets は管理アカウントにはデプロイしないため、メンバーテンプレートを通常のスタック {name} としてデプロイします。</translation>
    </message>
    <message>
        <source>The mfa_process command must be one line of text, like 'ykman oath accounts code -s NAME' (quote it as one argument).</source>
        <translation>mfa_process のコマンドは 'ykman oath accounts code -s NAME' のような 1 行のテキストにしてください (1 つの引数として引用符で囲んでください)。</translation>
    </message>
    <message>
        <source>The mfa_process of profile '{profile}' could not be started ({error}); check the command, or type the code instead.</source>
        <translation>プロファイル '{profile}' の mfa_process を起動できませんでした ({error})。コマンドを確認するか、代わりにコードを入力してください。</translation>
    </message>
    <message>
        <source>The mfa_process of profile '{profile}' failed (exit status {status}); run it in a terminal to see why, or type the code instead.</source>
        <translation>プロファイル '{profile}' の mfa_process が失敗しました (終了ステータス {status})。ターミナルで実行して原因を確認するか、代わりにコードを入力してください。</translation>
    </message>
    <message>
        <source>The mfa_process of profile '{profile}' failed: its command was not found; install it or correct mfa_process in your AWS config.</source>
        <translation>プロファイル '{profile}' の mfa_process が失敗しました: コマンドが見つかりません。コマンドをインストールするか、AWS 設定の mfa_process を修正してください。</translation>
    </message>
    <message>
        <source>The mfa_process of profile '{profile}' printed no 6-digit code; make it print the code (like `ykman oath accounts code -s NAME`), or type the code instead.</source>
        <translation>プロファイル '{profile}' の mfa_process は 6 桁のコードを出力しませんでした。コードを出力するようにするか (`ykman oath accounts code -s NAME` のように)、代わりにコードを入力してください。</translation>
    </message>
    <message>
        <source>The mfa_process of profile '{profile}' printed no code within {seconds} s and was stopped (a security key waiting for a touch?); run it in a terminal to see why, or type the code instead.</source>
        <translation>プロファイル '{profile}' の mfa_process が {seconds} 秒以内にコードを出力しなかったため停止しました (セキュリティキーがタッチを待っていませんか?)。ターミナルで実行して原因を確認するか、代わりにコードを入力してください。</translation>
    </message>
    <message>
        <source>The new key {new} is in use, but the old key {old} was not deleted ({problem}); run `elevate-tray keys rotate` again to delete it.</source>
        <translation>新しいキー {new} を使っていますが、古いキー {old} は削除されませんでした ({problem})。`elevate-tray keys rotate` をもう一度実行して削除してください。</translation>
    </message>
    <message>
        <source>The old key's session ended with it; starting one with the new key…</source>
        <translation>古いキーのセッションはキーとともに終了しました。新しいキーでセッションを開始しています…</translation>
    </message>
    <message>
        <source>The org profile's account is in no AWS Organization; use the management account's (or a delegated administrator's) profile as --org-profile.</source>
        <translation>組織プロファイルのアカウントはどの AWS Organization にも属していません。管理アカウント (または委任管理者) のプロファイルを --org-profile に指定してください。</translation>
    </message>
    <message>
        <source>The org profile's account {account} is not the management account: StackSets are called as its delegated administrator (CallAs=DELEGATED_ADMIN).</source>
        <translation>組織プロファイルのアカウント {account} は管理アカウントではありません。StackSets は委任管理者として呼び出します (CallAs=DELEGATED_ADMIN)。</translation>
    </message>
    <message>
        <source>The organization already has a resource policy that elevate-tray did not put: it is left alone, so `targets sync` sees accounts that join these OUs only after `elevate-tray setup org publish`; --adopt {name} merges elevate-tray's statement into it (teardown puts it back).</source>
        <translation>組織には elevate-tray が設定していないリソースポリシーがすでにあります。そのままにするため、`targets sync` がこれらの OU に加わるアカウントを認識するのは `elevate-tray setup org publish` の後になります。--adopt {name} を付けると elevate-tray のステートメントを追加します (teardown で元に戻します)。</translation>
    </message>
    <message>
        <source>The organization changed since the plan was shown; review the new plan and apply again.</source>
        <translation>計画を表示した後に組織が変わりました。新しい計画を確認して、もう一度 apply してください。</translation>
    </message>
    <message>
        <source>The organization changed since the teardown plan was shown; review it again.</source>
        <translation>削除計画を表示した後に組織が変わりました。もう一度確認してください。</translation>
    </message>
    <message>
        <source>The partition '{partition}' has no published account list Region; use aws, aws-cn or aws-us-gov.</source>
        <translation>パーティション '{partition}' にはアカウント一覧を公開するリージョンがありません。aws、aws-cn、aws-us-gov のいずれかを使ってください。</translation>
    </message>
    <message>
        <source>The plain stack {name} in the management account failed ({reason}); fix that and run `elevate-tray setup org apply` again.</source>
        <translation>管理アカウントの通常のスタック {name} が失敗しました ({reason})。原因を直してから、`elevate-tray setup org apply` をもう一度実行してください。</translation>
    </message>
    <message>
        <source>The plain stack {name} is in state {status}; look at it in the CloudFormation console, then run `elevate-tray setup org apply` again.</source>
        <translation>通常のスタック {name} は状態 {status} です。CloudFormation コンソールで確認してから、`elevate-tray setup org apply` をもう一度実行してください。</translation>
    </message>
    <message>
        <source>The policy {name} already has {count} versions, none written by this setup, and adopting it would mean deleting one; delete a version you no longer need, or choose other names.</source>
        <translation>ポリシー {name} にはすでに {count} 個のバージョンがあり、どれもこのセットアップが書いたものではありません。引き継ぐにはどれかを削除する必要があります。不要なバージョンを削除するか、別の名前を選んでください。</translation>
    </message>
    <message>
        <source>The policy {name} has {count} versions and none of them can be deleted by this setup; delete a version you no longer need and apply again.</source>
        <translation>ポリシー {name} には {count} 個のバージョンがあり、このセットアップが削除できるものはありません。不要なバージョンを削除してから、もう一度適用してください。</translation>
    </message>
    <message>
        <source>The profile '{name}' already holds credentials; choose another target name.</source>
        <translation>プロファイル '{name}' にはすでに認証情報があります。別の対象名を選択してください。</translation>
    </message>
    <message>
        <source>The profile '{name}' already points at {arn}; choose another target name.</source>
        <translation>プロファイル '{name}' はすでに {arn} を指しています。別の対象名を選択してください。</translation>
    </message>
    <message>
        <source>The profile '{name}' exists and was not written by this setup, so it is left as it is; choose another --target.</source>
        <translation>プロファイル '{name}' は既に存在し、このセットアップが書いたものではないため、そのままにします。別の --target を選んでください。</translation>
    </message>
    <message>
        <source>The profile '{name}' exists and was not written by this setup, so it is left as it is; setup wrote '{used}' instead.</source>
        <translation>プロファイル '{name}' は既に存在し、このセットアップが書いたものではないため、そのままにしました。代わりに '{used}' を書きました。</translation>
    </message>
    <message>
        <source>The profile '{profile}' gives a role or credential_process session, not a member's own access keys, so no target was written with it as source_profile; add the member's access keys as a profile and run setup again with --member NAME, or pass --no-target.</source>
        <translation>プロファイル '{profile}' が与えるのはロールまたは credential_process のセッションで、メンバー自身のアクセスキーではないため、これを source_profile とするターゲットは書きませんでした。メンバーのアクセスキーをプロファイルとして追加し、--member NAME を付けてセットアップをもう一度実行するか、--no-target を指定してください。</translation>
    </message>
    <message>
        <source>The provisioning file uses an unknown placeholder {placeholder}.</source>
        <translation>プロビジョニングファイルで不明なプレースホルダー {placeholder} が使われています。</translation>
    </message>
    <message>
        <source>The published account list has no parts; ask your admin to run `elevate-tray setup org publish`.</source>
        <translation>公開されたアカウント一覧にパートがありません。管理者に `elevate-tray setup org publish` の実行を依頼してください。</translation>
    </message>
    <message>
        <source>The published account list has version {version}, which this elevate-tray cannot read; update elevate-tray.</source>
        <translation>公開されたアカウント一覧はバージョン {version} で、この elevate-tray では読めません。elevate-tray を更新してください。</translation>
    </message>
    <message>
        <source>The published account list is incomplete (part {part} of {parts} is missing or from another publication); ask your admin to run `elevate-tray setup org publish`.</source>
        <translation>公開されたアカウント一覧が不完全です ({parts} 個中のパート {part} が無いか、別の公開のものです)。管理者に `elevate-tray setup org publish` の実行を依頼してください。</translation>
    </message>
    <message>
        <source>The published account list is not valid (part {part}: {why}); ask your admin to run `elevate-tray setup org publish`.</source>
        <translation>公開されたアカウント一覧が正しくありません (パート {part}: {why})。管理者に `elevate-tray setup org publish` の実行を依頼してください。</translation>
    </message>
    <message>
        <source>The requested duration is longer than the role allows (its MaxSessionDuration); choose a shorter --duration, or ask the admin to raise the role's maximum.</source>
        <translation>要求した時間がロールの上限 (MaxSessionDuration) を超えています。より短い --duration を指定するか、ロールの上限を引き上げるよう管理者に依頼してください。</translation>
    </message>
    <message>
        <source>The role's maximum session duration must be between {low} and {high} seconds (1 to 12 hours), not {asked}.</source>
        <translation>ロールの最大セッション時間は {low}〜{high} 秒 (1〜12 時間) にしてください。{asked} は範囲外です。</translation>
    </message>
    <message>
        <source>The roles could not be deployed in {count} account(s) ({accounts}); the other steps are done: fix that and run `elevate-tray setup org apply` again.</source>
        <translation>{count} 個のアカウントにロールをデプロイできませんでした ({accounts})。ほかの手順は完了しています。原因を直してから、`elevate-tray setup org apply` をもう一度実行してください。</translation>
    </message>
    <message>
        <source>The secret access key of profile '{profile}' does not match its access key id; copy both again from the IAM console.</source>
        <translation>プロファイル '{profile}' のシークレットアクセスキーがアクセスキー ID と一致しません。IAM コンソールから両方をもう一度コピーしてください。</translation>
    </message>
    <message>
        <source>The session state file {path} cannot be read ({problem}); remove whatever is in its place, then try again.</source>
        <translation>セッションの状態ファイル {path} を読めません ({problem})。その場所にあるものを取り除いてから、もう一度試してください。</translation>
    </message>
    <message>
        <source>The session's credentials have expired; elevate again with `elevate-tray elevate`.</source>
        <translation>セッションの認証情報の有効期限が切れています。`elevate-tray elevate` でもう一度昇格してください。</translation>
    </message>
    <message>
        <source>The settings file {path} cannot be read: {error}.</source>
        <translation>設定ファイル {path} を読み取れません: {error}。</translation>
    </message>
    <message>
        <source>The settings file {path} is a folder, not a file: move it away (elevate-tray then starts with its defaults).</source>
        <translation>設定ファイル {path} はファイルではなくフォルダーです。別の場所に移動してください (elevate-tray は既定の設定で起動します)。</translation>
    </message>
    <message>
        <source>The settings file {path} is not a regular file: move it away (elevate-tray then starts with its defaults).</source>
        <translation>設定ファイル {path} は通常のファイルではありません。別の場所に移動してください (elevate-tray は既定の設定で起動します)。</translation>
    </message>
    <message>
        <source>The shortest elevation AWS allows is 15 minutes; you asked for {asked}.</source>
        <translation>AWS で可能な最短の昇格時間は 15 分ですが、{asked} が指定されました。</translation>
    </message>
    <message>
        <source>The sign-in endpoint URL is not usable ({problem}); fix or unset ELEVATE_TRAY_SIGNIN_URL.</source>
        <translation>サインインエンドポイントの URL が使えません ({problem})。ELEVATE_TRAY_SIGNIN_URL を直すか、設定を外してください。</translation>
    </message>
    <message>
        <source>The sign-in endpoint URL is not usable; fix or unset ELEVATE_TRAY_SIGNIN_URL.</source>
        <translation>サインインエンドポイントの URL が使えません。ELEVATE_TRAY_SIGNIN_URL を直すか、設定を外してください。</translation>
    </message>
    <message>
        <source>The stack instances could not be deleted in {count} account(s) ({accounts}); fix that and run `elevate-tray setup org teardown` again.</source>
        <translation>{count} 個のアカウントでスタックインスタンスを削除できませんでした ({accounts})。原因を直してから、`elevate-tray setup org teardown` をもう一度実行してください。</translation>
    </message>
    <message>
        <source>The stack {name}</source>
        <translation>スタック {name}</translation>
    </message>
    <message>
        <source>The target profile cannot be named '{name}' like the profile whose keys it uses; choose another target name.</source>
        <translation>対象プロファイルには、キーの元になるプロファイル (source_profile) と同じ名前 '{name}' は付けられません。別の対象名を選択してください。</translation>
    </message>
    <message>
        <source>The template cannot be written to {path} ({why}); choose a place you can write to with --output.</source>
        <translation>テンプレートを {path} に書き込めません ({why})。--output で書き込める場所を選択してください。</translation>
    </message>
    <message>
        <source>The user of profile '{profile}' has no MFA device, and the member accounts' roles admit the identity account only with MFA; enrol one with `elevate-tray setup mfa-device --profile {profile}`.</source>
        <translation>プロファイル '{profile}' のユーザーには MFA デバイスがありません。メンバーアカウントのロールは MFA 付きの ID アカウントしか受け入れません。`elevate-tray setup mfa-device --profile {profile}` で登録してください。</translation>
    </message>
    <message>
        <source>The {kind} {name} exists, not managed by this setup: it is changed only if you add --adopt {name}.</source>
        <translation>{kind} {name} は存在しますが、このセットアップの管理下にありません。--adopt {name} を付けた場合にだけ変更されます。</translation>
    </message>
    <message>
        <source>The {partition} partition has no console federation endpoint that elevate-tray knows; console sign-in is available in aws, aws-cn and aws-us-gov.</source>
        <translation>{partition} パーティションには、elevate-tray が対応するコンソールのフェデレーションエンドポイントがありません。コンソールへのサインインは aws、aws-cn、aws-us-gov で利用できます。</translation>
    </message>
    <message>
        <source>There is no IAM user {users} in account {account}; create the user first or leave it out.</source>
        <translation>アカウント {account} に IAM ユーザー {users} がありません。先にユーザーを作成するか、選択から外してください。</translation>
    </message>
    <message>
        <source>There is no StackSet deployment to publish; name the OUs with --ou, or run `elevate-tray setup org apply` first.</source>
        <translation>公開する StackSet のデプロイがありません。--ou で OU を指定するか、先に `elevate-tray setup org apply` を実行してください。</translation>
    </message>
    <message>
        <source>There is no organizational unit {ou} in the organization; check the ID (`aws organizations list-organizational-units-for-parent`).</source>
        <translation>組織に組織単位 {ou} はありません。ID を確認してください (`aws organizations list-organizational-units-for-parent`)。</translation>
    </message>
    <message>
        <source>There is no profile '{name}' in {config} or {credentials}.</source>
        <translation>{config} にも {credentials} にもプロファイル '{name}' がありません。</translation>
    </message>
    <message>
        <source>There is no receipt yet: receipts are kept for admin sessions from now on; elevate, and `elevate-tray receipt` shows what the session changed.</source>
        <translation>操作記録はまだありません。これからの管理者セッションについて操作記録を残します。昇格すると、`elevate-tray receipt` でそのセッションが何を変更したかを表示できます。</translation>
    </message>
    <message>
        <source>There is no root {ou} in the organization.</source>
        <translation>組織にルート {ou} はありません。</translation>
    </message>
    <message>
        <source>There is no session {id}: `elevate-tray sessions` lists the recent ones.</source>
        <translation>セッション {id} はありません。最近のセッションは `elevate-tray sessions` で一覧表示できます。</translation>
    </message>
    <message>
        <source>There is no target '{name}' (targets: {known}).</source>
        <translation>対象 '{name}' はありません (対象: {known})。</translation>
    </message>
    <message>
        <source>This computer cannot keep a session in {path} ({problem}); free space there and elevate again.</source>
        <translation>このコンピューターは {path} にセッションを保存できません ({problem})。そこに空き容量を確保して、もう一度昇格してください。</translation>
    </message>
    <message>
        <source>This computer could not keep the receipt ({problem}); free space and try again.</source>
        <translation>このコンピューターに操作記録を保存できませんでした ({problem})。空き容量を確保してもう一度お試しください。</translation>
    </message>
    <message>
        <source>This computer could not record the change to its sessions ({problem}); free space and try again.</source>
        <translation>このコンピューターはセッションの変更を記録できませんでした ({problem})。空き容量を確保して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>This elevation goes through an MFA session (role chaining), which AWS limits to 1 hour; choose --duration 1h or less.</source>
        <translation>この昇格は MFA セッションを経由する (ロールの連鎖) ため、AWS により 1 時間に制限されます。--duration には 1h 以下を指定してください。</translation>
    </message>
    <message>
        <source>This setup would change {items}, which exist but are not managed by it; review the plan, then add {flags} to take them over (teardown puts them back), or choose other names.</source>
        <translation>このセットアップは {items} を変更しますが、これらは存在するものの、このセットアップの管理下にありません。プランを確認してから {flags} を付けて引き継ぐ (ティアダウンで元に戻ります) か、別の名前を選んでください。</translation>
    </message>
    <message>
        <source>This would widen access on resources you adopt: {widenings}; review them in the plan, then add --accept-widening.</source>
        <translation>引き継ぐリソースへのアクセスが広がります: {widenings}。プランで確認してから --accept-widening を付けてください。</translation>
    </message>
    <message>
        <source>Waiting for AWS to accept the new key…</source>
        <translation>AWS が新しいキーを受け付けるのを待っています…</translation>
    </message>
    <message>
        <source>You ({user}) join the group last: from then on your keys need an MFA session for anything else (run setup with --mfa-code).</source>
        <translation>あなた ({user}) は最後にグループに追加されます。それ以降、あなたのキーでほかの操作をするには MFA セッションが必要です (setup を --mfa-code 付きで実行してください)。</translation>
    </message>
    <message>
        <source>Your user has no MFA device, so an MFA code cannot be used.</source>
        <translation>あなたのユーザーには MFA デバイスがないため、MFA コードは使用できません。</translation>
    </message>
    <message>
        <source>a date or time</source>
        <translation>日付または時刻</translation>
    </message>
    <message>
        <source>a decimal number</source>
        <translation>小数</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>a principal of another account ({account})</source>
        <translation>別のアカウント ({account}) のプリンシパル</translation>
    </message>
    <message>
        <source>a setting stands before any [section] header</source>
        <translation>[section] 見出しより前に設定があります</translation>
    </message>
    <message>
        <source>a table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <source>a user of this account ({account})</source>
        <translation>このアカウント ({account}) のユーザー</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>activate trusted access between CloudFormation StackSets and AWS Organizations (service-managed StackSets need it; it stays active after teardown)</source>
        <translation>CloudFormation StackSets と AWS Organizations の信頼されたアクセスを有効化 (サービスマネージドの StackSet に必要。teardown 後も有効のまま)</translation>
    </message>
    <message>
        <source>add the user {user} to {group}</source>
        <translation>ユーザー {user} の {group} への追加</translation>
    </message>
    <message>
        <source>adopt the group {name}: record its policies and members, which teardown puts back</source>
        <translation>グループ {name} を引き継ぐ: ポリシーとメンバーを記録し、ティアダウンで元に戻す</translation>
    </message>
    <message>
        <source>adopt the policy {name}: tag it with its current default version, which teardown sets back</source>
        <translation>ポリシー {name} を引き継ぐ: 現在のデフォルトバージョンをタグに記録し、ティアダウンで元に戻す</translation>
    </message>
    <message>
        <source>adopt the role {name}: record its trust policy, policies and maximum session, which teardown puts back</source>
        <translation>ロール {name} を引き継ぐ: 信頼ポリシー、ポリシー、最大セッション時間を記録し、ティアダウンで元に戻す</translation>
    </message>
    <message>
        <source>an OU is not a JSON object</source>
        <translation>OU が JSON オブジェクトではありません</translation>
    </message>
    <message>
        <source>an account is not a JSON object</source>
        <translation>アカウントが JSON オブジェクトではありません</translation>
    </message>
    <message>
        <source>an anonymous caller</source>
        <translation>匿名の呼び出し元</translation>
    </message>
    <message>
        <source>an explicit deny</source>
        <translation>明示的な拒否</translation>
    </message>
    <message>
        <source>assume {role}</source>
        <translation>{role} を引き受ける</translation>
    </message>
    <message>
        <source>assume {role} in account {account}</source>
        <translation>アカウント {account} の {role} の引き受け</translation>
    </message>
    <message>
        <source>attach {policy} to the group {group}</source>
        <translation>{policy} のグループ {group} へのアタッチ</translation>
    </message>
    <message>
        <source>attach {policy} to the role {role} (its permissions)</source>
        <translation>{policy} のロール {role} へのアタッチ (ロールの権限)</translation>
    </message>
    <message>
        <source>call AWS</source>
        <translation>AWS の呼び出し</translation>
    </message>
    <message>
        <source>cannot read account {account} through {role}: {reason}</source>
        <translation>{role} を通してアカウント {account} を読めません: {reason}</translation>
    </message>
    <message>
        <source>change the maximum session of {role} from {old} s to {new} s</source>
        <translation>{role} の最大セッション時間の変更 ({old} 秒から {new} 秒へ)</translation>
    </message>
    <message>
        <source>check the access key of profile '{profile}'</source>
        <translation>プロファイル '{profile}' のアクセスキーの確認</translation>
    </message>
    <message>
        <source>console sign-ins through the federation endpoint are logged with mfaAuthenticated: false although {role} needs MFA, so the common "console sign-in without MFA" alarm fires for them; scope the alarm to IAM users (ConsoleLogin events whose userIdentity.type is IAMUser and additionalEventData.MFAUsed is No), or exclude events whose userIdentity.sessionContext.sessionIssuer.arn is {arn}.</source>
        <translation>フェデレーションエンドポイント経由のコンソールサインインは、{role} が MFA を必要とするにもかかわらず CloudTrail に mfaAuthenticated: false と記録されるため、よくある「MFA なしのコンソールサインイン」アラームが鳴ります。アラームを IAM ユーザーに絞る (userIdentity.type が IAMUser で additionalEventData.MFAUsed が No の ConsoleLogin イベント) か、userIdentity.sessionContext.sessionIssuer.arn が {arn} のイベントを除外してください。</translation>
    </message>
    <message>
        <source>create a new access key</source>
        <translation>新しいアクセスキーの作成</translation>
    </message>
    <message>
        <source>create a virtual MFA device for {user}</source>
        <translation>{user} の仮想 MFA デバイスの作成</translation>
    </message>
    <message>
        <source>create the STS client</source>
        <translation>STS クライアントの作成</translation>
    </message>
    <message>
        <source>create the group {group} (path {path})</source>
        <translation>グループ {group} の作成 (パス {path})</translation>
    </message>
    <message>
        <source>create the managed policy {name} ({purpose})</source>
        <translation>管理ポリシー {name} の作成 ({purpose})</translation>
    </message>
    <message>
        <source>create the plain stack {name} in the management account {account} (StackSets never deploy to the management account)</source>
        <translation>管理アカウント {account} に通常のスタック {name} を作成 (StackSets は管理アカウントにはデプロイしない)</translation>
    </message>
    <message>
        <source>create the role {role} (assumed only with MFA, at most {minutes} minutes)</source>
        <translation>ロール {role} の作成 (MFA 使用時のみ引き受け可能、最長 {minutes} 分)</translation>
    </message>
    <message>
        <source>create the service-managed StackSet {name} with auto-deployment (CAPABILITY_NAMED_IAM) from the member template</source>
        <translation>メンバーテンプレートから自動デプロイ付きのサービスマネージド StackSet {name} を作成 (CAPABILITY_NAMED_IAM)</translation>
    </message>
    <message>
        <source>deactivate the access key {key}</source>
        <translation>アクセスキー {key} の無効化</translation>
    </message>
    <message>
        <source>delete the StackSet {name}</source>
        <translation>StackSet {name} の削除</translation>
    </message>
    <message>
        <source>delete the access key {key}</source>
        <translation>アクセスキー {key} の削除</translation>
    </message>
    <message>
        <source>delete the group {group}</source>
        <translation>グループ {group} の削除</translation>
    </message>
    <message>
        <source>delete the group {group} (members removed: {users})</source>
        <translation>グループ {group} の削除 (外されるメンバー: {users})</translation>
    </message>
    <message>
        <source>delete the organization's resource policy (only elevate-tray's statement)</source>
        <translation>組織のリソースポリシーを削除します (elevate-tray のステートメントのみ)</translation>
    </message>
    <message>
        <source>delete the plain stack {name} in the management account, and with it the roles there</source>
        <translation>管理アカウントの通常のスタック {name} と、そこにあるロールの削除</translation>
    </message>
    <message>
        <source>delete the published account list ({count} parameter(s))</source>
        <translation>公開したアカウント一覧の削除 ({count} 個のパラメーター)</translation>
    </message>
    <message>
        <source>delete the published account list in {path}</source>
        <translation>{path} に公開したアカウント一覧の削除</translation>
    </message>
    <message>
        <source>delete the role {role}</source>
        <translation>ロール {role} の削除</translation>
    </message>
    <message>
        <source>delete the stack instances of {ou} ({count} account(s)), and with them the roles there</source>
        <translation>{ou} のスタックインスタンス ({count} 個のアカウント) と、そこにあるロールの削除</translation>
    </message>
    <message>
        <source>delete the unused MFA device {serial}</source>
        <translation>未使用の MFA デバイス {serial} の削除</translation>
    </message>
    <message>
        <source>deploy the roles to {ou} ({name}) in {region}: {count} account(s) {ids}</source>
        <translation>{ou} ({name}) の {region} にロールをデプロイ: {count} 個のアカウント {ids}</translation>
    </message>
    <message>
        <source>describe the StackSet {name}</source>
        <translation>StackSet {name} の情報の取得</translation>
    </message>
    <message>
        <source>describe the organization</source>
        <translation>組織の情報の取得</translation>
    </message>
    <message>
        <source>describe the organization's resource policy</source>
        <translation>組織のリソースポリシーの取得</translation>
    </message>
    <message>
        <source>describe the organizational unit {ou}</source>
        <translation>組織単位 {ou} の情報の取得</translation>
    </message>
    <message>
        <source>describe the stack {name}</source>
        <translation>スタック {name} の情報の取得</translation>
    </message>
    <message>
        <source>detach and delete the policy {name}</source>
        <translation>ポリシー {name} のデタッチと削除</translation>
    </message>
    <message>
        <source>elevate-tray cannot create its folder {path} ({error}); check the path, or set ELEVATE_TRAY_HOME to a folder you can write.</source>
        <translation>elevate-tray のフォルダー {path} を作成できません ({error})。パスを確認するか、ELEVATE_TRAY_HOME に書き込めるフォルダーを設定してください。</translation>
    </message>
    <message>
        <source>enable the MFA device for {user}</source>
        <translation>{user} の MFA デバイスの有効化</translation>
    </message>
    <message>
        <source>every principal of the identity account {identity} whose own policies allow organizations:Describe*/List* (ReadOnlyAccess does) can read the OU structure and the accounts' IDs, names and e-mail addresses</source>
        <translation>ID アカウント {identity} のプリンシパルのうち、自身のポリシーが organizations:Describe*/List* を許可するもの (ReadOnlyAccess は許可します) はすべて、OU の構成とアカウントの ID・名前・メールアドレスを読み取れます</translation>
    </message>
    <message>
        <source>existing members of {group} who will be able to assume {role}: {users}</source>
        <translation>{role} を引き受けられるようになる {group} の既存メンバー: {users}</translation>
    </message>
    <message>
        <source>find out whether StackSets' trusted access is active</source>
        <translation>StackSets の信頼されたアクセスが有効かどうかの確認</translation>
    </message>
    <message>
        <source>find out which account the profile belongs to</source>
        <translation>プロファイルが属するアカウントの確認</translation>
    </message>
    <message>
        <source>follow the StackSet operation {operation}</source>
        <translation>StackSet のオペレーション {operation} の追跡</translation>
    </message>
    <message>
        <source>get an MFA session</source>
        <translation>MFA セッションの取得</translation>
    </message>
    <message>
        <source>group</source>
        <translation>グループ</translation>
    </message>
    <message>
        <source>identify your IAM user</source>
        <translation>IAM ユーザーの確認</translation>
    </message>
    <message>
        <source>it cannot be parsed</source>
        <translation>解析できません</translation>
    </message>
    <message>
        <source>it contains spaces or control characters</source>
        <translation>空白または制御文字が含まれています</translation>
    </message>
    <message>
        <source>it has no host</source>
        <translation>ホスト名がありません</translation>
    </message>
    <message>
        <source>it must start with https://</source>
        <translation>https:// で始まっていません</translation>
    </message>
    <message>
        <source>it starts with a byte-order mark (BOM); save it as UTF-8 without BOM</source>
        <translation>先頭にバイトオーダーマーク (BOM) があります。BOM なしの UTF-8 で保存してください</translation>
    </message>
    <message>
        <source>its auto-deployment</source>
        <translation>自動デプロイ</translation>
    </message>
    <message>
        <source>its credentials are gone from this computer, so it stays valid in AWS until {until}.</source>
        <translation>このコンピューターから認証情報が失われたため、AWS 上では {until} まで有効なままです。</translation>
    </message>
    <message>
        <source>its parameters</source>
        <translation>パラメーター</translation>
    </message>
    <message>
        <source>its template</source>
        <translation>テンプレート</translation>
    </message>
    <message>
        <source>keep the group {group}: it was there before</source>
        <translation>グループ {group} は残します (以前からあったものです)</translation>
    </message>
    <message>
        <source>keep the organization's resource policy: it was not put by elevate-tray</source>
        <translation>組織のリソースポリシーはそのままにします: elevate-tray が設定したものではありません</translation>
    </message>
    <message>
        <source>keep the policy {name}: it was not created by elevate-tray</source>
        <translation>ポリシー {name} は残します (elevate-tray が作成したものではありません)</translation>
    </message>
    <message>
        <source>keep the role {role} as it is: the record of its previous trust policy and attached policies is not on this machine</source>
        <translation>ロール {role} はそのまま残す: 以前の信頼ポリシーとアタッチされたポリシーの記録がこのマシンにありません</translation>
    </message>
    <message>
        <source>keep the role {role}: it was not created by elevate-tray</source>
        <translation>ロール {role} は残します (elevate-tray が作成したものではありません)</translation>
    </message>
    <message>
        <source>keep the stack {name}: it was not created by elevate-tray</source>
        <translation>スタック {name} は残す: elevate-tray が作成したものではない</translation>
    </message>
    <message>
        <source>list the account's IAM users</source>
        <translation>アカウントの IAM ユーザーの一覧取得</translation>
    </message>
    <message>
        <source>list the account's Regions</source>
        <translation>アカウントのリージョンの一覧表示</translation>
    </message>
    <message>
        <source>list the accounts of {ou}</source>
        <translation>{ou} のアカウントの一覧表示</translation>
    </message>
    <message>
        <source>list the operations of {name}</source>
        <translation>{name} のオペレーションの一覧表示</translation>
    </message>
    <message>
        <source>list the stack instances of {name}</source>
        <translation>{name} のスタックインスタンスの一覧表示</translation>
    </message>
    <message>
        <source>list your MFA devices</source>
        <translation>MFA デバイスの一覧取得</translation>
    </message>
    <message>
        <source>list your access keys</source>
        <translation>あなたのアクセスキーの一覧表示</translation>
    </message>
    <message>
        <source>maximum session {seconds} s</source>
        <translation>最大セッション時間 {seconds} 秒</translation>
    </message>
    <message>
        <source>members manage their own credentials; nothing else without MFA</source>
        <translation>メンバーが自分の認証情報を管理するためのもの。MFA なしではそれ以外の操作はできません</translation>
    </message>
    <message>
        <source>members may assume {role} and {readonly} in any account, with MFA</source>
        <translation>メンバーは MFA 付きで、あらゆるアカウントの {role} と {readonly} を引き受けられる</translation>
    </message>
    <message>
        <source>members may assume {role} with MFA</source>
        <translation>メンバーが MFA を使って {role} を引き受けるためのもの</translation>
    </message>
    <message>
        <source>merge the statement {sid} into the organization's resource policy (teardown puts the previous document back)</source>
        <translation>組織のリソースポリシーにステートメント {sid} を追加します (teardown で以前のドキュメントに戻します)</translation>
    </message>
    <message>
        <source>no policy allowing it</source>
        <translation>許可するポリシーがありません</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>policy</source>
        <translation>ポリシー</translation>
    </message>
    <message>
        <source>publish the account list in {path}</source>
        <translation>{path} へのアカウント一覧の公開</translation>
    </message>
    <message>
        <source>publish the list of the {count} account(s) in {path} of the identity account (group members read it with `elevate-tray targets sync`)</source>
        <translation>{count} 個のアカウントの一覧を ID アカウントの {path} に公開 (グループのメンバーは `elevate-tray targets sync` で読み取る)</translation>
    </message>
    <message>
        <source>put the organization's resource policy (statement {sid}): the identity account {identity} may read the OUs and their accounts, so `targets sync` sees accounts that join them</source>
        <translation>組織のリソースポリシーを設定します (ステートメント {sid}): ID アカウント {identity} が OU とそのアカウントを読み取れるようになり、`targets sync` は OU に加わるアカウントを認識します</translation>
    </message>
    <message>
        <source>read CloudTrail's event history in {region}</source>
        <translation>{region} の CloudTrail イベント履歴の読み取り</translation>
    </message>
    <message>
        <source>read the accounts of the organization {organization}</source>
        <translation>組織 {organization} のアカウントを読み取る</translation>
    </message>
    <message>
        <source>read the credentials of profile '{profile}'</source>
        <translation>プロファイル '{profile}' の認証情報の読み取り</translation>
    </message>
    <message>
        <source>read the group {name}</source>
        <translation>グループ {name} の読み取り</translation>
    </message>
    <message>
        <source>read the members of {group}</source>
        <translation>{group} のメンバーの読み取り</translation>
    </message>
    <message>
        <source>read the policy {arn}</source>
        <translation>ポリシー {arn} の読み取り</translation>
    </message>
    <message>
        <source>read the published account list in account {account}</source>
        <translation>アカウント {account} で公開されたアカウント一覧の読み取り</translation>
    </message>
    <message>
        <source>read the published account list in {path}</source>
        <translation>{path} に公開したアカウント一覧の読み取り</translation>
    </message>
    <message>
        <source>read the role {name}</source>
        <translation>ロール {name} の読み取り</translation>
    </message>
    <message>
        <source>read the user {name}</source>
        <translation>ユーザー {name} の読み取り</translation>
    </message>
    <message>
        <source>read your AWS config</source>
        <translation>AWS の設定の読み取り</translation>
    </message>
    <message>
        <source>read {role}</source>
        <translation>{role} を読む</translation>
    </message>
    <message>
        <source>remove the statement {sid} from the organization's resource policy, which puts back the document it had before</source>
        <translation>組織のリソースポリシーからステートメント {sid} を取り除き、以前のドキュメントに戻します</translation>
    </message>
    <message>
        <source>replace the trust policy of {role}</source>
        <translation>{role} の信頼ポリシーの置き換え</translation>
    </message>
    <message>
        <source>restore the group {group}: the policies and members this setup added are removed</source>
        <translation>グループ {group} を元に戻す: このセットアップが追加したポリシーとメンバーを取り除く</translation>
    </message>
    <message>
        <source>restore the policy {name}: version {version} is its default again and the versions this setup wrote are deleted</source>
        <translation>ポリシー {name} を元に戻す: バージョン {version} を再びデフォルトにし、このセットアップが書いたバージョンを削除する</translation>
    </message>
    <message>
        <source>restore the role {role}: its previous trust policy, attached policies and maximum session</source>
        <translation>ロール {role} を元に戻す: 以前の信頼ポリシー、アタッチされたポリシー、最大セッション時間</translation>
    </message>
    <message>
        <source>revoke the session on {role}</source>
        <translation>{role} のセッションの失効</translation>
    </message>
    <message>
        <source>role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <source>sessions of {role} may last {new} s instead of {old} s</source>
        <translation>{role} のセッションが {old} 秒ではなく {new} 秒まで続くようになる</translation>
    </message>
    <message>
        <source>start a read-only MFA session</source>
        <translation>読み取り専用 MFA セッションの開始</translation>
    </message>
    <message>
        <source>start an MFA session</source>
        <translation>MFA セッションの開始</translation>
    </message>
    <message>
        <source>statement {statement} lets principals assume {role} without MFA: {caller} is admitted with {context}; require the condition Bool aws:MultiFactorAuthPresent = true in it.</source>
        <translation>ステートメント {statement} は MFA なしで {role} の引き受けを許しています: {caller} が {context} で許可されます。このステートメントに条件 Bool aws:MultiFactorAuthPresent = true を必須にしてください。</translation>
    </message>
    <message>
        <source>statement {statement} lets {caller} assume {role}: trust only principals of this account ({account}).</source>
        <translation>ステートメント {statement} は {caller} に {role} の引き受けを許しています。このアカウント ({account}) のプリンシパルだけを信頼してください。</translation>
    </message>
    <message>
        <source>statement {statement} of {policy} lets the group's members assume {role} without MFA ({context}); require the condition Bool aws:MultiFactorAuthPresent = true in it.</source>
        <translation>{policy} のステートメント {statement} は、グループのメンバーに MFA なしで {role} の引き受けを許しています ({context})。このステートメントに条件 Bool aws:MultiFactorAuthPresent = true を必須にしてください。</translation>
    </message>
    <message>
        <source>text in quotes</source>
        <translation>引用符で囲んだ文字列</translation>
    </message>
    <message>
        <source>the StackSet {name} matches the model</source>
        <translation>StackSet {name} はモデルと一致</translation>
    </message>
    <message>
        <source>the account ID {id} is not 12 digits</source>
        <translation>アカウント ID {id} が 12 桁ではありません</translation>
    </message>
    <message>
        <source>the field {field} is missing or not a list</source>
        <translation>フィールド {field} が無いか、リストではありません</translation>
    </message>
    <message>
        <source>the field {field} is missing or not a positive number</source>
        <translation>フィールド {field} が無いか、正の数ではありません</translation>
    </message>
    <message>
        <source>the field {field} is missing or not text</source>
        <translation>フィールド {field} が無いか、テキストではありません</translation>
    </message>
    <message>
        <source>the file is not valid text in this system's encoding (save it as UTF-8)</source>
        <translation>このシステムの文字コードで読めるテキストではありません (UTF-8 で保存してください)</translation>
    </message>
    <message>
        <source>the group {group} exists</source>
        <translation>グループ {group} は存在します</translation>
    </message>
    <message>
        <source>the inline policies of role {role} would go over IAM's quota of 10,240 characters per role, so it stays valid in AWS until {until}; ask your account admin to remove inline policies from {role}.</source>
        <translation>ロール {role} のインラインポリシーが IAM のクォータ (ロールあたり 10,240 文字) を超えるため、AWS 上では {until} まで有効なままです。アカウント管理者に {role} のインラインポリシーを削除するよう依頼してください。</translation>
    </message>
    <message>
        <source>the inline policies of {role} (revoked sessions) hold {chars} of the 10,240 non-whitespace characters IAM allows a role: revoking will soon fail; remove the revoke statements whose sessions have expired.</source>
        <translation>{role} のインラインポリシー (無効化したセッション) は、IAM がロールに許す空白以外の 10,240 文字のうち {chars} 文字を使っています。まもなく無効化に失敗します。セッションの期限が切れた無効化ステートメントを削除してください。</translation>
    </message>
    <message>
        <source>the member {member} has no MFA device: they can read nothing and cannot elevate until one is added.</source>
        <translation>メンバー {member} には MFA デバイスがありません。追加されるまで何も読めず、昇格もできません。</translation>
    </message>
    <message>
        <source>the nested settings block is malformed (expected 'key = value' lines)</source>
        <translation>入れ子の設定ブロックの形式が正しくありません ('key = value' の行が必要です)</translation>
    </message>
    <message>
        <source>the organization's resource policy lets the identity account {identity} read the OUs and their accounts</source>
        <translation>組織のリソースポリシーにより、ID アカウント {identity} は OU とそのアカウントを読み取れます</translation>
    </message>
    <message>
        <source>the plain stack {name} in the management account {account} matches the model</source>
        <translation>管理アカウント {account} の通常のスタック {name} はモデルと一致</translation>
    </message>
    <message>
        <source>the policy {name} matches</source>
        <translation>ポリシー {name} は一致しています</translation>
    </message>
    <message>
        <source>the policy {policy}</source>
        <translation>ポリシー {policy}</translation>
    </message>
    <message>
        <source>the policy {policy} gets a new document for everyone it is attached to: {entities}</source>
        <translation>ポリシー {policy} のドキュメントが、アタッチ先すべてに対して新しくなる: {entities}</translation>
    </message>
    <message>
        <source>the policy {policy} is attached to {entities}, who will be able to assume {role}</source>
        <translation>ポリシー {policy} は {entities} にアタッチされており、{role} を引き受けられるようになる</translation>
    </message>
    <message>
        <source>the policy {policy} is attached to {group}, so its members {users} gain its permissions</source>
        <translation>ポリシー {policy} が {group} にアタッチされ、メンバー {users} がその権限を得る</translation>
    </message>
    <message>
        <source>the published account list ({count} account(s)) is up to date</source>
        <translation>公開したアカウント一覧 ({count} 個のアカウント) は最新</translation>
    </message>
    <message>
        <source>the roles are deployed in the {count} account(s) of {ou} ({name})</source>
        <translation>{ou} ({name}) の {count} 個のアカウントにロールをデプロイ済み</translation>
    </message>
    <message>
        <source>the section [{section}] appears a second time</source>
        <translation>セクション [{section}] が 2 回出現しています</translation>
    </message>
    <message>
        <source>the section header {header} is not closed with ']'</source>
        <translation>セクション見出し {header} が ']' で閉じられていません</translation>
    </message>
    <message>
        <source>the time a cancelled credentials request is refused at once</source>
        <translation>キャンセルされた認証情報の要求がすぐに断られる時間</translation>
    </message>
    <message>
        <source>the time a profile's mfa_process has to print its code</source>
        <translation>プロファイルの mfa_process がコードを出力するまでの時間</translation>
    </message>
    <message>
        <source>the time a program's credentials request waits for you in the tray</source>
        <translation>プログラムの認証情報の要求がトレイであなたを待つ時間</translation>
    </message>
    <message>
        <source>the time the browser has to open the console</source>
        <translation>ブラウザーがコンソールを開くまでの時間</translation>
    </message>
    <message>
        <source>the trust policy matches</source>
        <translation>信頼ポリシーは一致しています</translation>
    </message>
    <message>
        <source>the trust policy of {role}</source>
        <translation>{role} の信頼ポリシー</translation>
    </message>
    <message>
        <source>the trust policy of {role} admits {principal}, which it did not before</source>
        <translation>{role} の信頼ポリシーが、以前は許可していなかった {principal} を許可する</translation>
    </message>
    <message>
        <source>the trust policy of {role} changes the condition {old} to {new}</source>
        <translation>{role} の信頼ポリシーの条件 {old} が {new} に変わる</translation>
    </message>
    <message>
        <source>the trust policy of {role} does not admit the identity account ({account}) with MFA: nobody can elevate into it.</source>
        <translation>{role} の信頼ポリシーは MFA 付きの ID アカウント ({account}) を受け入れません。誰も昇格できません。</translation>
    </message>
    <message>
        <source>the trust policy of {role} no longer requires {condition}</source>
        <translation>{role} の信頼ポリシーが {condition} を要求しなくなる</translation>
    </message>
    <message>
        <source>the value is not JSON</source>
        <translation>値が JSON ではありません</translation>
    </message>
    <message>
        <source>the value is not a JSON object</source>
        <translation>値が JSON オブジェクトではありません</translation>
    </message>
    <message>
        <source>this line is neither a [section], a 'key = value' nor a comment</source>
        <translation>この行は [section]、'key = value'、コメントのいずれでもありません</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true または false</translation>
    </message>
    <message>
        <source>trusted access between CloudFormation StackSets and Organizations is active</source>
        <translation>CloudFormation StackSets と Organizations の信頼されたアクセスは有効</translation>
    </message>
    <message>
        <source>update the StackSet {name} ({what}), which redeploys every instance</source>
        <translation>StackSet {name} を更新 ({what})。すべてのインスタンスを再デプロイする</translation>
    </message>
    <message>
        <source>update the plain stack {name} in the management account {account}</source>
        <translation>管理アカウント {account} の通常のスタック {name} を更新</translation>
    </message>
    <message>
        <source>update the statement {sid} of the organization's resource policy</source>
        <translation>組織のリソースポリシーのステートメント {sid} を更新します</translation>
    </message>
    <message>
        <source>user</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>write a new default version of the policy {name}</source>
        <translation>ポリシー {name} の新しいデフォルトバージョンの書き込み</translation>
    </message>
    <message>
        <source>{path} is a folder; give --output a file name, such as {path}/{name}.</source>
        <translation>{path} はフォルダーです。--output にはファイル名を指定してください (例: {path}/{name})。</translation>
    </message>
    <message>
        <source>{path} should be one of elevate-tray's folders but is a file: move it away.</source>
        <translation>{path} は elevate-tray のフォルダーであるべきですが、ファイルです。別の場所に移動してください。</translation>
    </message>
    <message>
        <source>{path}, line {line}</source>
        <translation>{path} の {line} 行目</translation>
    </message>
    <message>
        <source>{path}, line {line}, in [{section}]</source>
        <translation>{path} の {line} 行目 ([{section}] 内)</translation>
    </message>
    <message>
        <source>{policy} is attached to the role {role}: whoever can assume it gets its permissions</source>
        <translation>{policy} がロール {role} にアタッチされる: このロールを引き受けられる人は誰でもその権限を得る</translation>
    </message>
    <message>
        <source>{policy} is attached to {group}</source>
        <translation>{policy} は {group} にアタッチされています</translation>
    </message>
    <message>
        <source>{policy} is attached to {role}</source>
        <translation>{policy} は {role} にアタッチされています</translation>
    </message>
    <message>
        <source>{principal} (every user and role of that account whose own policies allow it)</source>
        <translation>{principal} (そのアカウントで、自身のポリシーが許可するすべてのユーザーとロール)</translation>
    </message>
    <message>
        <source>{problem} Run `elevate-tray console --print-url` and open the URL yourself, or choose another browser in Settings.</source>
        <translation>{problem} `elevate-tray console --print-url` を実行して URL を自分で開くか、設定で別のブラウザーを選んでください。</translation>
    </message>
    <message>
        <source>{role} allows at most {limit}; you asked for {asked}. Choose a shorter duration.</source>
        <translation>{role} で許可される最長の時間は {limit} ですが、{asked} が指定されました。より短い時間を選択してください。</translation>
    </message>
    <message>
        <source>{role} and {readonly} in every member account</source>
        <translation>すべてのメンバーアカウントの {role} と {readonly}</translation>
    </message>
    <message>
        <source>{role} in account {account} does not carry the tag {tag}: it was not made by the setup's StackSet.</source>
        <translation>アカウント {account} の {role} にはタグ {tag} がありません。セットアップの StackSet が作ったものではありません。</translation>
    </message>
    <message>
        <source>{role} is missing in account {account}: the StackSet has not deployed there or it was deleted; run `setup org apply`.</source>
        <translation>アカウント {account} に {role} がありません。StackSet がまだデプロイしていないか、削除されました。`setup org apply` を実行してください。</translation>
    </message>
    <message>
        <source>{user} has no MFA device yet and cannot elevate until they add one.</source>
        <translation>{user} にはまだ MFA デバイスがないため、追加するまで昇格できません。</translation>
    </message>
    <message>
        <source>{user} is in {group}</source>
        <translation>{user} は {group} に所属しています</translation>
    </message>
    <message>
        <source>{user} joins {group} and will be able to assume {role}</source>
        <translation>{user} が {group} に加わり、{role} を引き受けられるようになる</translation>
    </message>
    <message>
        <source>{what} also allows {actions}</source>
        <translation>{what} が {actions} も許可するようになる</translation>
    </message>
    <message>
        <source>{what} did not finish within an hour; run `elevate-tray setup org apply` again later to follow it to its end.</source>
        <translation>{what} が 1 時間以内に終わりませんでした。後で `elevate-tray setup org apply` をもう一度実行して、終了まで追跡してください。</translation>
    </message>
    <message>
        <source>{where} asks for {seconds} s but the role allows at most {most} s: elevation will be refused.</source>
        <translation>{where} は {seconds} 秒を求めていますが、ロールが許すのは最大 {most} 秒です。昇格は拒否されます。</translation>
    </message>
    <message>
        <source>{where} asks for {seconds} s but {role} in account {account} allows at most {most} s: elevation will be refused.</source>
        <translation>{where} は {seconds} 秒を求めていますが、アカウント {account} の {role} は最大 {most} 秒です。昇格は拒否されます。</translation>
    </message>
</context>
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
    <name>GuiWording</name>
    <message>
        <source>No web browser could be opened on this computer: set the browser command in Settings (for example: firefox {url}).</source>
        <translation>このコンピューターでは Web ブラウザーを開けませんでした。設定で「ブラウザーのコマンド」を指定してください (例: firefox {url})。</translation>
    </message>
    <message>
        <source>This elevation goes through an MFA session (role chaining), which AWS limits to 1 hour: choose a duration of 1 h or less.</source>
        <translation>この昇格は MFA セッションを経由する (ロールの連鎖) ため、AWS により 1 時間に制限されています。1 時間以下の期間を選んでください。</translation>
    </message>
    <message>
        <source>The requested duration is longer than the role allows (its MaxSessionDuration): choose a shorter duration, or ask the admin to raise the role's maximum.</source>
        <translation>要求した期間はロールの上限 (MaxSessionDuration) を超えています。より短い期間を選ぶか、管理者にロールの上限を引き上げてもらってください。</translation>
    </message>
    <message>
        <source>The session's credentials have expired: elevate again from the menu.</source>
        <translation>セッションの認証情報の有効期限が切れました。メニューからもう一度昇格してください。</translation>
    </message>
    <message>
        <source>Dropped %1 here, but the revocation in AWS is pending: %2 Retry with “Drop and revoke in AWS” in the menu; it ends by itself at %3, when the session would have expired.</source>
        <translation>%1 はこのコンピューターでは降格しましたが、AWS での無効化は保留中です: %2 メニューの「降格して AWS で無効化」でやり直してください。セッションが期限切れになるはずの %3 に保留は自動的に終わります。</translation>
    </message>
    <message>
        <source>The new key %1 is in use, but the old key %2 was not deleted (%3): rotate again from the tray menu to delete it.</source>
        <translation>新しいキー %1 を使用中ですが、古いキー %2 は削除されていません (%3)。トレイのメニューからもう一度ローテーションして削除してください。</translation>
    </message>
    <message>
        <source>AWS did not accept the new key %1 within %2 s and it could not be deleted; the key %3 stays in use: rotate again from the tray menu to clean up.</source>
        <translation>AWS が新しいキー %1 を %2 秒以内に受け付けず、そのキーを削除することもできませんでした。キー %3 を引き続き使用します。トレイのメニューからもう一度ローテーションして片付けてください。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong; the log has the details.</source>
        <translation>予期しないエラーが発生しました。詳細はログにあります。</translation>
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
        <source>%1 in %2</source>
        <translation>%2 の %1</translation>
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
        <source>&amp;Extend</source>
        <translation>延長(&amp;E)</translation>
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
        <source>Code filled from your kept TOTP secret.</source>
        <translation>保存した TOTP シークレットからコードを入力しました。</translation>
    </message>
    <message>
        <source>Code filled from the mfa_process of profile %1.</source>
        <translation>プロファイル %1 の mfa_process からコードを入力しました。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong (%1); the log has the details.</source>
        <translation>予期しないエラーが発生しました (%1)。詳細はログにあります。</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>Click this message for “%1”</source>
        <translation>「%1」: このメッセージをクリック</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>1 change</source>
        <translation>変更 1 件</translation>
    </message>
    <message>
        <source>%1 changes</source>
        <translation>変更 %1 件</translation>
    </message>
    <message>
        <source>1 read call</source>
        <translation>読み取り呼び出し 1 件</translation>
    </message>
    <message>
        <source>%1 read calls</source>
        <translation>読み取り呼び出し %1 件</translation>
    </message>
    <message>
        <source>Receipt for %1</source>
        <translation>%1 の操作記録</translation>
    </message>
    <message>
        <source>Show the receipt</source>
        <translation>操作記録を表示</translation>
    </message>
    <message>
        <source>collecting…</source>
        <translation>収集中…</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>降格</translation>
    </message>
    <message>
        <source>dropped and revoked</source>
        <translation>降格して無効化</translation>
    </message>
    <message>
        <source>replaced by a new elevation</source>
        <translation>新しい昇格に置き換え</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>now</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>(%1 min)</source>
        <translation>(%1 分)</translation>
    </message>
    <message>
        <source>Final: every event of the session has reached CloudTrail.</source>
        <translation>確定: セッションのすべてのイベントが CloudTrail に届きました。</translation>
    </message>
    <message>
        <source>Still collecting: the session is still running.</source>
        <translation>収集中: セッションはまだ実行中です。</translation>
    </message>
    <message>
        <source>Still collecting: events reach CloudTrail minutes after the call; final after %1.</source>
        <translation>収集中: イベントは呼び出しの数分後に CloudTrail に届きます。%1 以降に確定します。</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失敗: %1</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>console</source>
        <translation>コンソール</translation>
    </message>
    <message>
        <source>CLI/SDK</source>
        <translation>CLI/SDK</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>リソース</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Via</source>
        <translation>経由</translation>
    </message>
    <message>
        <source>Collecting it needs an MFA code for a read-only session.</source>
        <translation>収集するには読み取り専用セッションの MFA コードが必要です。</translation>
    </message>
    <message>
        <source>Give a code</source>
        <translation>コードを入力</translation>
    </message>
</context>
<context>
    <name>ReceiptCodeDialog</name>
    <message>
        <source>Receipt for %1</source>
        <translation>%1 の操作記録</translation>
    </message>
    <message>
        <source>Your admin session in %1 ended. To read what it changed from CloudTrail, elevate-tray needs a read-only MFA session: enter an MFA code. Cancel to skip; “Recent sessions” in the menu can collect it later.</source>
        <translation>%1 の管理者セッションが終了しました。このセッションで何を変更したかを CloudTrail から読み取るには、読み取り専用の MFA セッションが必要です。MFA コードを入力してください。[キャンセル] で今回は見送れます。あとでメニューの「最近のセッション」から収集できます。</translation>
    </message>
    <message>
        <source>&amp;Collect</source>
        <translation>収集(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ReceiptWindow</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>Copy as &amp;Markdown</source>
        <translation>Markdown としてコピー(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>閉じる(&amp;C)</translation>
    </message>
    <message>
        <source>Receipt for %1</source>
        <translation>%1 の操作記録</translation>
    </message>
    <message>
        <source>role %1 in account %2</source>
        <translation>アカウント %2 のロール %1</translation>
    </message>
    <message>
        <source>Session %1 · key %2</source>
        <translation>セッション %1 · キー %2</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>理由: %1</translation>
    </message>
    <message>
        <source>No changes.</source>
        <translation>変更はありません。</translation>
    </message>
    <message>
        <source>elevate-tray's own calls (not counted): %1</source>
        <translation>elevate-tray 自身の呼び出し (数えていません): %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意: %1</translation>
    </message>
    <message>
        <source>Last collection: %1</source>
        <translation>前回の収集: %1</translation>
    </message>
    <message>
        <source>Collecting from CloudTrail…</source>
        <translation>CloudTrail から収集しています…</translation>
    </message>
    <message>
        <source>The receipt is on the clipboard, as Markdown.</source>
        <translation>操作記録を Markdown としてクリップボードにコピーしました。</translation>
    </message>
</context>
<context>
    <name>RotateDialog</name>
    <message>
        <source>no second MFA code was given</source>
        <translation>2 つ目の MFA コードが入力されませんでした</translation>
    </message>
    <message>
        <source>Rotate the access key of %1</source>
        <translation>%1 のアクセスキーをローテーション</translation>
    </message>
    <message>
        <source>Replace the access key %1 of profile %2 with a new one: AWS creates the new key, elevate-tray keeps it in place of the old one, then deactivates and deletes the old key.</source>
        <translation>プロファイル %2 のアクセスキー %1 を新しいキーに置き換えます。AWS が新しいキーを作成し、elevate-tray が古いキーの代わりにそれを保管してから、古いキーを無効にして削除します。</translation>
    </message>
    <message>
        <source>Looking up your MFA device…</source>
        <translation>MFA デバイスを確認しています…</translation>
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
        <source>&amp;Rotate</source>
        <translation>ローテーション(&amp;R)</translation>
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
        <source>The code comes from the mfa_process of profile %1.</source>
        <translation>コードはプロファイル %1 の mfa_process から取得します。</translation>
    </message>
    <message>
        <source>The code comes from your kept TOTP secret.</source>
        <translation>コードは保管されている TOTP シークレットから生成します。</translation>
    </message>
    <message>
        <source>Waiting %1 s for a fresh code: the current one was already used.</source>
        <translation>新しいコードまで %1 秒待っています。現在のコードは使用済みです。</translation>
    </message>
    <message>
        <source>AWS needs one more MFA code to delete the old key: enter the next code.</source>
        <translation>古いキーを削除するには、MFA コードがもう 1 つ必要です。次のコードを入力してください。</translation>
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
        <source>never (0)</source>
        <translation>通知しない (0)</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 日</translation>
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
        <source>Remind me to rotate access &amp;keys every:</source>
        <translation>アクセスキーのローテーションを通知する間隔(&amp;K):</translation>
    </message>
    <message>
        <source>Warnings are minutes before the end, like 5, 1 (each 1 to 120).</source>
        <translation>警告は終了の何分前かを 5, 1 のように指定します (それぞれ 1〜120)。</translation>
    </message>
    <message>
        <source>Could not change start at login: %1</source>
        <translation>ログイン時の起動を変更できませんでした: %1</translation>
    </message>
    <message>
        <source>Could not save the settings: %1</source>
        <translation>設定を保存できませんでした: %1</translation>
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
        <source>Read-only MFA session (%3): %1, until %2</source>
        <translation>読み取り専用 MFA セッション (%3): %1、%2 まで</translation>
    </message>
    <message>
        <source>Read-only MFA session: %1, until %2</source>
        <translation>読み取り専用 MFA セッション: %1、%2 まで</translation>
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
    <message>
        <source>%1: dropped here, revocation in AWS pending</source>
        <translation>%1: このコンピューターでは降格済み、AWS での無効化は保留中</translation>
    </message>
</context>
<context>
    <name>TargetBrowserSettings</name>
    <message>
        <source>Browser per target</source>
        <translation>対象ごとのブラウザー</translation>
    </message>
    <message>
        <source>a command; {url} is replaced by the address</source>
        <translation>コマンド。{url} はアドレスに置き換わります</translation>
    </message>
    <message>
        <source>Log out of the old console session first</source>
        <translation>先に古いコンソールセッションからログアウトする</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>対象(&amp;T):</translation>
    </message>
    <message>
        <source>B&amp;rowser:</source>
        <translation>ブラウザー(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>プロファイル(&amp;P):</translation>
    </message>
    <message>
        <source>Browser &amp;command:</source>
        <translation>ブラウザーのコマンド(&amp;C):</translation>
    </message>
    <message>
        <source>App default</source>
        <translation>アプリの既定</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>システムの既定</translation>
    </message>
    <message>
        <source>%1, container per target</source>
        <translation>%1 (対象ごとのコンテナー)</translation>
    </message>
    <message>
        <source>Custom command…</source>
        <translation>カスタムコマンド…</translation>
    </message>
    <message>
        <source>%1 (not found)</source>
        <translation>%1 (見つかりません)</translation>
    </message>
    <message>
        <source>The browser's default profile</source>
        <translation>ブラウザーの既定のプロファイル</translation>
    </message>
    <message>
        <source>The “Open external links in a container” extension is not installed in the Firefox profile %1, so Firefox would search the web instead of opening the console for %2: install the extension in that profile, or choose another browser.</source>
        <translation>Firefox のプロファイル %1 には拡張機能「Open external links in a container」がインストールされていないため、Firefox は %2 のコンソールを開かずにウェブ検索をしてしまいます。そのプロファイルに拡張機能をインストールするか、別のブラウザーを選んでください。</translation>
    </message>
    <message>
        <source>The custom browser of %1 needs a Browser command that starts with a program, like: firefox --new-window {url}.</source>
        <translation>%1 のカスタムブラウザーには、プログラムで始まる「ブラウザーのコマンド」が必要です (例: firefox --new-window {url})。</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>No system tray is available on this desktop (on GNOME, the AppIndicator extension provides one), so elevate-tray shows this window instead.</source>
        <translation>このデスクトップにはシステムトレイがありません (GNOME では AppIndicator 拡張機能で使えます)。そのため elevate-tray はこのウィンドウを表示しています。</translation>
    </message>
    <message>
        <source>If you quit and keep the session, it stays valid until it expires, and nothing on this computer will drop it at expiry: no warning, no console sign-out, and terminals keep admin rights until then.</source>
        <translation>セッションを残したまま終了すると、セッションは期限まで有効なままで、このコンピューター上では期限に降格する処理は何も行われません (警告もコンソールのサインアウトもなく、ターミナルはそれまで管理者権限を持ち続けます)。</translation>
    </message>
    <message>
        <source>Quit and &amp;keep the session</source>
        <translation>セッションを残して終了(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Drop and quit</source>
        <translation>降格して終了(&amp;D)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Read-only MFA session ended</source>
        <translation>読み取り専用 MFA セッションが終了しました</translation>
    </message>
    <message>
        <source>AWS commands in terminals need a new MFA code for read-only access.</source>
        <translation>ターミナルの AWS コマンドで読み取りを行うには、新しい MFA コードが必要です。</translation>
    </message>
    <message>
        <source>Your read-only MFA session ends at %2 (%1).</source>
        <translation>読み取り専用 MFA セッションは %2 に終了します (%1)。</translation>
    </message>
    <message>
        <source>Read-only MFA session ending</source>
        <translation>読み取り専用 MFA セッションがまもなく終了</translation>
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
        <source>elevate-tray</source>
        <translation>elevate-tray</translation>
    </message>
    <message>
        <source>The setup wizard is not in this build; run `elevate-tray setup plan` in a terminal.</source>
        <translation>このビルドにはセットアップウィザードがありません。ターミナルで `elevate-tray setup plan` を実行してください。</translation>
    </message>
    <message>
        <source>Log out of the console</source>
        <translation>コンソールからログアウト</translation>
    </message>
</context>
<context>
    <name>TrayKeys</name>
    <message>
        <source>Rotate access &amp;key…</source>
        <translation>アクセスキーをローテーション(&amp;K)…</translation>
    </message>
    <message>
        <source>Rotate access &amp;key (%1 days old)…</source>
        <translation>アクセスキーをローテーション(&amp;K) (%1 日経過)…</translation>
    </message>
    <message>
        <source>Rotate access key of %1…</source>
        <translation>%1 のアクセスキーをローテーション…</translation>
    </message>
    <message>
        <source>Rotate access key of %1 (%2 days old)…</source>
        <translation>%1 のアクセスキーをローテーション (%2 日経過)…</translation>
    </message>
    <message>
        <source>The access key of profile %1 was rotated: %2 is in use; %3 is deleted.</source>
        <translation>プロファイル %1 のアクセスキーをローテーションしました。%2 を使用中で、%3 は削除しました。</translation>
    </message>
    <message>
        <source>The access key of profile %1 was rotated: %2 is in use; %3 is deactivated, and deleting it needs one more MFA code: rotate again from the tray menu.</source>
        <translation>プロファイル %1 のアクセスキーをローテーションしました。%2 を使用中で、%3 は無効化しました。削除にはもう 1 つ MFA コードが必要です。トレイのメニューからもう一度ローテーションしてください。</translation>
    </message>
    <message>
        <source>Access key rotated</source>
        <translation>アクセスキーをローテーションしました</translation>
    </message>
    <message>
        <source>Access key not rotated</source>
        <translation>アクセスキーをローテーションできませんでした</translation>
    </message>
    <message>
        <source>Access key</source>
        <translation>アクセスキー</translation>
    </message>
    <message>
        <source>The access key of profile %1 is %2 days old; rotate it from the tray menu.</source>
        <translation>プロファイル %1 のアクセスキーは作成から %2 日経過しています。トレイのメニューからローテーションしてください。</translation>
    </message>
    <message>
        <source>Rotate…</source>
        <translation>ローテーション…</translation>
    </message>
</context>
<context>
    <name>TrayMenu</name>
    <message>
        <source>Reading the AWS config…</source>
        <translation>AWS の設定を読み込んでいます…</translation>
    </message>
    <message>
        <source>No target is configured yet</source>
        <translation>対象がまだ設定されていません</translation>
    </message>
    <message>
        <source>No target matches</source>
        <translation>一致する対象はありません</translation>
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
        <translation>今すぐ降格(&amp;D)</translation>
    </message>
    <message>
        <source>Drop and &amp;revoke in AWS</source>
        <translation>降格して AWS で無効化(&amp;R)</translation>
    </message>
    <message>
        <source>Copy credential_&amp;process profile</source>
        <translation>credential_process プロファイルをコピー(&amp;P)</translation>
    </message>
    <message>
        <source>Type to filter targets…</source>
        <translation>入力して対象を絞り込む…</translation>
    </message>
    <message>
        <source>Rece&amp;nt sessions</source>
        <translation>最近のセッション(&amp;N)</translation>
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
<context>
    <name>Wizard</name>
    <message>
        <source>Set up elevate-tray for an AWS account</source>
        <translation>AWS アカウントに elevate-tray をセットアップ</translation>
    </message>
    <message>
        <source>Something unexpected went wrong: %1</source>
        <translation>予期しないエラーが発生しました: %1</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>メンバー</translation>
    </message>
    <message>
        <source>Tick the IAM users who join the read-only group.</source>
        <translation>読み取り専用グループに追加する IAM ユーザーを選択してください。</translation>
    </message>
    <message>
        <source>An MFA device for you</source>
        <translation>あなたの MFA デバイス</translation>
    </message>
    <message>
        <source>Your user has no MFA device, so it cannot elevate yet. Create a virtual one, scan the QR code with an authenticator app, then enter two consecutive codes.</source>
        <translation>あなたのユーザーには MFA デバイスがないため、まだ昇格できません。仮想 MFA デバイスを作成し、認証アプリで QR コードを読み取ってから、連続する 2 つのコードを入力してください。</translation>
    </message>
    <message>
        <source>Create MFA device</source>
        <translation>MFA デバイスを作成</translation>
    </message>
    <message>
        <source>first code</source>
        <translation>1 つ目のコード</translation>
    </message>
    <message>
        <source>next code</source>
        <translation>次のコード</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>有効化</translation>
    </message>
    <message>
        <source>Keep the secret in this computer's keyring</source>
        <translation>シークレットをこのコンピューターのキーリングに保存する</translation>
    </message>
    <message>
        <source>Then the app can type the codes for you, but the MFA secret sits on the same computer as your access keys: the two factors become one. That still prevents mistakes, which is what this setup is for; it does not stop an attacker.</source>
        <translation>保存するとアプリがコードを自動で入力できますが、MFA シークレットがアクセスキーと同じコンピューターに置かれるため、2 つの要素が 1 つになります。それでも誤操作は防げます (このセットアップの目的はそこにあります) が、攻撃者を防ぐことはできません。</translation>
    </message>
    <message>
        <source>Reading the account's users…</source>
        <translation>アカウントのユーザーを読み込んでいます…</translation>
    </message>
    <message>
        <source>you</source>
        <translation>あなた</translation>
    </message>
    <message>
        <source>in the group</source>
        <translation>グループに所属</translation>
    </message>
    <message>
        <source>MFA device</source>
        <translation>MFA デバイスあり</translation>
    </message>
    <message>
        <source>no MFA device</source>
        <translation>MFA デバイスなし</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the notes after a user</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Without an MFA device: %1. They can set one up themselves on the console's Security credentials page.</source>
        <translation>MFA デバイスのないユーザー: %1。各ユーザーがコンソールの [セキュリティ認証情報] ページで自分で設定できます。</translation>
    </message>
    <message>
        <source>Every user has an MFA device.</source>
        <translation>すべてのユーザーに MFA デバイスがあります。</translation>
    </message>
    <message>
        <source>Scan the code, then enter two codes in a row.</source>
        <translation>QR コードを読み取り、続けて表示される 2 つのコードを入力してください。</translation>
    </message>
    <message>
        <source>MFA device %1 is enabled.</source>
        <translation>MFA デバイス %1 を有効にしました。</translation>
    </message>
    <message>
        <source>Its secret is in the keyring.</source>
        <translation>シークレットはキーリングに保存されています。</translation>
    </message>
    <message>
        <source>Read-only by default, admin when you mean it</source>
        <translation>普段は読み取り専用、必要なときだけ管理者に</translation>
    </message>
    <message>
        <source>This wizard sets up an AWS account so that people work read-only every day and become admin only deliberately: with an MFA code, for a limited time.

It creates:
 • an IAM group whose members can read everything (ReadOnlyAccess), manage their own password, keys and MFA device, and do nothing else without MFA;
 • an admin role that members may assume, only with an MFA code;
 • on this computer, a profile (a "target") to elevate with.

You will see every policy document before anything is changed. Running the wizard again changes nothing that is already right, and the setup can be removed again with `elevate-tray setup teardown`.</source>
        <translation>このウィザードは、日常の作業は読み取り専用で行い、管理者になるのは必要なときだけ (MFA コードを入力し、時間を限って) となるように AWS アカウントを設定します。

作成されるもの:
 • IAM グループ: メンバーはすべてを読み取り (ReadOnlyAccess)、自分のパスワード、アクセスキー、MFA デバイスを管理できます。MFA なしではそれ以外の操作はできません。
 • 管理者ロール: メンバーが MFA コードを使う場合にのみ引き受けられます。
 • このコンピューター上の、昇格に使うプロファイル (「対象」)。

変更を加える前に、すべてのポリシードキュメントが表示されます。ウィザードを再度実行しても、すでに正しい設定は変更されません。セットアップは `elevate-tray setup teardown` で削除できます。</translation>
    </message>
    <message>
        <source>Admin profile and account</source>
        <translation>管理者プロファイルとアカウント</translation>
    </message>
    <message>
        <source>Choose the AWS profile whose keys may create IAM groups and roles.</source>
        <translation>IAM グループとロールを作成できるキーを持つ AWS プロファイルを選択してください。</translation>
    </message>
    <message>
        <source>only if your user is already in the group</source>
        <translation>ユーザーがすでにグループに所属している場合のみ</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>Admin profile:</source>
        <translation>管理者プロファイル:</translation>
    </message>
    <message>
        <source>MFA code (optional):</source>
        <translation>MFA コード (任意):</translation>
    </message>
    <message>
        <source>No profile with keys was found in the AWS config; add one with `aws configure --profile admin` and come back.</source>
        <translation>AWS の設定にキーを持つプロファイルが見つかりません。`aws configure --profile admin` で追加してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Checking the account…</source>
        <translation>アカウントを確認しています…</translation>
    </message>
    <message>
        <source>Account %1 (partition %2), as %3.</source>
        <translation>アカウント %1 (パーティション %2) に %3 としてアクセスしています。</translation>
    </message>
    <message>
        <source>Names and options</source>
        <translation>名前とオプション</translation>
    </message>
    <message>
        <source>The defaults follow the article this setup comes from.</source>
        <translation>既定値は、このセットアップの元になった記事に従っています。</translation>
    </message>
    <message>
        <source>Another managed policy (ARN)</source>
        <translation>その他の管理ポリシー (ARN)</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 時間</translation>
    </message>
    <message>
        <source>Record who elevated in CloudTrail (sts:SetSourceIdentity)</source>
        <translation>昇格したユーザーを CloudTrail に記録する (sts:SetSourceIdentity)</translation>
    </message>
    <message>
        <source>Pass the reason as a session tag (sts:TagSession)</source>
        <translation>理由をセッションタグとして渡す (sts:TagSession)</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>グループ:</translation>
    </message>
    <message>
        <source>Admin role:</source>
        <translation>管理者ロール:</translation>
    </message>
    <message>
        <source>Role permissions:</source>
        <translation>ロールの権限:</translation>
    </message>
    <message>
        <source>Longest elevation:</source>
        <translation>最長の昇格時間:</translation>
    </message>
    <message>
        <source>Target profile to write:</source>
        <translation>書き込む対象プロファイル:</translation>
    </message>
    <message>
        <source>Give the target profile a name without spaces or brackets.</source>
        <translation>対象プロファイルには、空白や角かっこを含まない名前を付けてください。</translation>
    </message>
    <message>
        <source>Review the plan</source>
        <translation>計画の確認</translation>
    </message>
    <message>
        <source>Nothing has been changed yet. Every policy document is shown.</source>
        <translation>まだ何も変更されていません。すべてのポリシードキュメントを表示しています。</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>適用</translation>
    </message>
    <message>
        <source>Comparing the account with the setup…</source>
        <translation>アカウントとセットアップ内容を比較しています…</translation>
    </message>
    <message>
        <source>%1 change(s) to make in account %2.</source>
        <translation>アカウント %2 に %1 件の変更を加えます。</translation>
    </message>
    <message>
        <source>No changes: the account already matches. Apply writes the target profile on this computer.</source>
        <translation>変更はありません。アカウントはすでに設定どおりです。[適用] を押すと、このコンピューターに対象プロファイルを書き込みます。</translation>
    </message>
    <message>
        <source>exists, not managed by this setup</source>
        <translation>既に存在し、このセットアップの管理外です</translation>
    </message>
    <message>
        <source>Gives more than before: %1</source>
        <translation>これまでより多くを許可します: %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意: %1</translation>
    </message>
    <message>
        <source>%1 trust policy</source>
        <translation>%1 の信頼ポリシー</translation>
    </message>
    <message>
        <source>Changes:</source>
        <translation>変更点:</translation>
    </message>
    <message>
        <source>Step %1 of %2 failed: %3 Nothing was changed before it; running Apply again starts there.</source>
        <translation>ステップ %1/%2 に失敗しました: %3 それより前には何も変更していません。もう一度 [適用] を実行するとそこから始まります。</translation>
    </message>
    <message>
        <source>Step %1 of %2 failed: %3 Step 1 is done; running Apply again continues from there.</source>
        <translation>ステップ %1/%2 に失敗しました: %3 ステップ 1 は完了しています。もう一度 [適用] を実行するとそこから続行します。</translation>
    </message>
    <message>
        <source>Step %1 of %2 failed: %3 Steps 1–%4 are done; running Apply again continues from there.</source>
        <translation>ステップ %1/%2 に失敗しました: %3 ステップ 1〜%4 は完了しています。もう一度 [適用] を実行するとそこから続行します。</translation>
    </message>
    <message>
        <source>Applying</source>
        <translation>適用中</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>処理中…</translation>
    </message>
    <message>
        <source>Done. The target profile %1 is written.</source>
        <translation>完了しました。対象プロファイル %1 を書き込みました。</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>Elevate now</source>
        <translation>今すぐ昇格</translation>
    </message>
    <message>
        <source>The account is set up and the target %1 is in your AWS config. Elevate from the tray menu, or in a terminal with `elevate-tray elevate --target %1`; AWS CLI commands use it through the profile %1-cli.</source>
        <translation>アカウントのセットアップが完了し、対象 %1 を AWS の設定に追加しました。トレイのメニューから、またはターミナルで `elevate-tray elevate --target %1` を実行して昇格できます。AWS CLI のコマンドはプロファイル %1-cli を通じてこれを使います。</translation>
    </message>
    <message>
        <source>Apply stays disabled until every item that exists, is not managed by this setup and would change is adopted.</source>
        <translation>このセットアップの管理外で既に存在し、変更される項目をすべて引き継ぐまで、[適用] は無効のままです。</translation>
    </message>
    <message>
        <source>Apply stays disabled until you accept the widenings of what you adopt.</source>
        <translation>引き継ぐ項目の権限拡大を承認するまで、[適用] は無効のままです。</translation>
    </message>
    <message>
        <source>(no document)</source>
        <translation>(ドキュメントなし)</translation>
    </message>
    <message>
        <source>%1: exists, not managed by this setup</source>
        <translation>%1: 既に存在し、このセットアップの管理外です</translation>
    </message>
    <message>
        <source>Adopt %1</source>
        <translation>%1 を引き継ぐ</translation>
    </message>
    <message>
        <source>This setup cannot adopt it.</source>
        <translation>このセットアップでは引き継げません。</translation>
    </message>
    <message>
        <source>Cannot be adopted: %1</source>
        <translation>引き継げません: %1</translation>
    </message>
    <message>
        <source>Now and after apply (JSON)</source>
        <translation>現在と適用後 (JSON)</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>After apply</source>
        <translation>適用後</translation>
    </message>
    <message>
        <source>I accept these widenings</source>
        <translation>これらの権限拡大を承認します</translation>
    </message>
</context>
</TS>