<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ComingPage</name>
    <message>
        <location filename="../workbench/ui/pages/coming.py" line="+49"/>
        <source>Coming soon: this page arrives in a coming release. Your data is already synced and kept offline, so it will be here when the page is.</source>
        <translation>即将推出：此页面将在后续版本中上线。你的数据已经同步并保存在本地，可离线使用，页面上线后即可直接查看。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Selection center</source>
        <translation>选品中心</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find products to promote in the whole catalogue, filter by commission and sales, compare, and add them to your channels.</source>
        <translation>在全部商品库中挑选要推广的商品：按佣金和销量筛选、对比，并添加到你的渠道。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>My channels</source>
        <translation>我的渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your channels (视频号, 公众号, 服务号, 小程序, 社群) and the products placed on each, with their health.</source>
        <translation>你的各个渠道（视频号、公众号、服务号、小程序、社群）、每个渠道上架的商品及其状态。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Promotion plans</source>
        <translation>推广计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plans you joined or run, their terms and the history of every rate.</source>
        <translation>你参与或发起的推广计划、计划条款，以及每次佣金率调整的历史。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Samples</source>
        <translation>样品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sample requests, shipping and the content owed for them.</source>
        <translation>样品申请、寄样进度，以及领样后需要完成的内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Analytics</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales and commission by channel, product and day, with CSV export.</source>
        <translation>按渠道、商品和日期查看销售额与佣金，并可导出 CSV。</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../workbench/ui/errors.py" line="+188"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n unexpected error(s) occurred.</source>
        <translation>
            <numerusform>发生了 %n 个意外错误。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The workbench is still running and you can go on working. If this keeps happening, press Copy and send the details to support.</source>
        <translation>工作台仍在运行，你可以继续工作。如果该问题反复出现，请点击“复制”，并将详细信息发送给客服。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The details are also in the log file %1.</source>
        <translation>详细信息也已记录在日志文件 %1 中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../workbench/ui/login_dialog.py" line="+68"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty: the built-in demo server</source>
        <translation>留空：使用内置演示服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+41"/>
        <source>Plain http is only allowed for this computer (127.0.0.1). Use https:// for a remote server.</source>
        <translation>只有本机（127.0.0.1）可以使用 http 明文连接。远程服务器请使用 https://。</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>That is not a server address. Example: https://shop.example.com</source>
        <translation>这不是有效的服务器地址。示例：https://shop.example.com</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter your account name.</source>
        <translation>请输入账号。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The server cannot be reached. Check the address and your connection.</source>
        <translation>无法连接服务器。请检查服务器地址和网络连接。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrong account or password.</source>
        <translation>账号或密码错误。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too many attempts. Wait a minute and try again.</source>
        <translation>尝试次数过多，请稍等一分钟再试。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Login failed: %1</source>
        <translation>登录失败：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../workbench/ui/main_window.py" line="+42"/>
        <source>Selection center</source>
        <translation>选品中心</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My channels</source>
        <translation>我的渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promotion plans</source>
        <translation>推广计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Samples</source>
        <translation>样品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Analytics</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>Shop Workbench</source>
        <translation>小店工作台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account:</source>
        <translation>账号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Switch to the demo merchant</source>
        <translation>切换到演示商家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add account…</source>
        <translation>添加账号…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync now (F5)</source>
        <translation>立即同步 (F5)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Offline: the server cannot be reached. Everything you have here stays usable; your edits are kept and sent when the server is back.</source>
        <translation>离线：无法连接服务器。本地的所有内容仍可正常使用；你的修改会保存下来，待服务器恢复后自动同步。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login needed</source>
        <translation>需要登录</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Preparing your workbench: downloading the product catalogue (%1 of %2)…</source>
        <translation>正在准备工作台：下载商品库（%1 / %2）…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Pending edits: %1</source>
        <translation>待同步的修改：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicts: %1</source>
        <translation>冲突：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Never synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>First run: preparing the demo data…</source>
        <translation>首次运行：正在准备演示数据…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>demo server</source>
        <translation>演示服务器</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../workbench/ui/pages/settings_page.py" line="+234"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Plain http:// is only allowed to this computer (localhost or 127.0.0.1). Use an https:// address for other servers.</source>
        <translation>只有本机（localhost 或 127.0.0.1）可以使用 http:// 明文连接。其他服务器请使用 https:// 地址。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is not a server address. Enter an address such as https://shop.example.com.</source>
        <translation>这不是有效的服务器地址。请输入类似 https://shop.example.com 的地址。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Enter the full path of a folder.</source>
        <translation>请输入文件夹的完整路径。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is a file, not a folder.</source>
        <translation>这是一个文件，不是文件夹。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The settings could not be saved: %1</source>
        <translation>无法保存设置：%1</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync &amp;every</source>
        <translation>同步间隔(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How often the workbench syncs with the server while it is online.</source>
        <translation>在线时工作台与服务器自动同步的间隔。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Data folder</source>
        <translation>数据文件夹(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default: %1</source>
        <translation>默认：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Local caches and logs are kept here. Takes effect after a restart.</source>
        <translation>本地缓存和日志保存在这里。重启后生效。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Server</source>
        <translation>服务器(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Built-in demo server</source>
        <translation>内置演示服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave empty to use the built-in demo server with sample data.</source>
        <translation>留空则使用带示例数据的内置演示服务器。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
</context>
</TS>
