<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../workbench/ui/about_dialog.py" line="+96"/>
        <source>About Shop Workbench</source>
        <translation>关于小店工作台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shop Workbench</source>
        <translation>小店工作台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version %1 · Qt %2 · PySide6 %3 · Python %4</source>
        <translation>版本 %1 · Qt %2 · PySide6 %3 · Python %4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Shop Workbench uses Qt and PySide6 under the GNU LGPL v3. They are separate libraries that you may replace with your own build of the same version: the Qt and PySide6 files in the install folder&apos;s _internal/PySide6 (on macOS, in the app&apos;s Contents/Frameworks/PySide6). The licence texts are below and in THIRD-PARTY-LICENSES.txt in the install folder.</source>
        <translation>小店工作台依据 GNU LGPL v3 使用 Qt 和 PySide6。它们是独立的库，您可以用自己构建的同一版本替换：即安装文件夹中 _internal/PySide6 里的 Qt 和 PySide6 文件（macOS 上在应用的 Contents/Frameworks/PySide6 中）。许可证全文见下方，以及安装文件夹中的 THIRD-PARTY-LICENSES.txt。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading the installed components…</source>
        <translation>正在读取已安装的组件…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The component list could not be read: %1</source>
        <translation>无法读取组件列表：%1</translation>
    </message>
</context>
<context>
    <name>AnalyticsNames</name>
    <message>
        <location filename="../workbench/ui/analytics/names.py" line="+18"/>
        <source>GMV</source>
        <translation>成交额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../workbench/ui/analytics/orders_view.py" line="+149"/>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../workbench/ui/analytics/orders_view.py" line="+3"/>
        <source>Est. commission</source>
        <translation>预估佣金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settled commission</source>
        <translation>已结算佣金</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 90 days</source>
        <translation>近 90 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All time</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By week</source>
        <translation>按周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No channel</source>
        <translation>无渠道</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live</source>
        <translation>直播</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short video</source>
        <translation>短视频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product share</source>
        <translation>商品分享</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Showcase</source>
        <translation>橱窗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Article</source>
        <translation>公众号文章</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unpaid</source>
        <translation>待付款</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../workbench/ui/analytics/orders_view.py" line="-2"/>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partly shipped</source>
        <translation>部分发货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled after sale</source>
        <translation>售后取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Unsettled</source>
        <translation>未结算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settled</source>
        <translation>已结算</translation>
    </message>
    <message>
        <location line="+12"/>
        <location filename="../workbench/ui/analytics/orders_view.py" line="+73"/>
        <source>Gift orders</source>
        <translation>送礼订单</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../workbench/ui/analytics/orders_view.py" line="+0"/>
        <source>Other orders</source>
        <translation>其他订单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No plan</source>
        <translation>无计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No category</source>
        <translation>无类目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No creator (own sales)</source>
        <translation>无带货者（自营）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Creator …%1</source>
        <translation>带货者 …%1</translation>
    </message>
    <message>
        <location filename="../workbench/ui/analytics/orders_view.py" line="-80"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scene</source>
        <translation>场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gift</source>
        <translation>送礼</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commission</source>
        <translation>佣金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creator</source>
        <translation>带货者</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Any %1</source>
        <translation>全部%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>scene</source>
        <translation>场景</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>commission status</source>
        <translation>佣金状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gift or not</source>
        <translation>送礼与否</translation>
    </message>
</context>
<context>
    <name>AnalyticsPage</name>
    <message>
        <location filename="../workbench/ui/analytics/page.py" line="+117"/>
        <source>Analytics</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Dashboard</source>
        <translation>看板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commission ledger</source>
        <translation>佣金对账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open an account to see its sales figures.</source>
        <translation>打开一个账号即可查看其销售数据。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading your orders…</source>
        <translation>正在读取订单…</translation>
    </message>
</context>
<context>
    <name>CacheNotice</name>
    <message>
        <location filename="../workbench/ui/cache_notices.py" line="+21"/>
        <source>The disk is full: your last change was not saved (nothing was half-saved) and syncing has stopped. Free some disk space, then try again.</source>
        <translation>磁盘已满：刚才的修改没有保存（没有保存一半的数据），同步也已停止。请清理一些磁盘空间后再试。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your local data file was damaged. It was set aside (kept as %1) and is being rebuilt from the server.</source>
        <translation>本地数据文件已损坏。它已被移到一旁（保留为 %1），正在从服务器重建。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing could be read from it: edits not yet synced are lost.</source>
        <translation>其中没有可读取的内容：尚未同步的修改已丢失。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recovered from it: %1 pending edit(s) and %2 conflict(s).</source>
        <translation>已从中恢复 %1 条待同步的修改和 %2 条冲突记录。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Up to %1 item(s) could not be read and are lost.</source>
        <translation>最多 %1 条记录无法读取，已丢失。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Your local data file is damaged (%1). Restart the workbench: it then sets the file aside, keeping your pending edits that can still be read, and rebuilds it from the server.</source>
        <translation>本地数据文件已损坏（%1）。请重新启动工作台：它会把该文件移到一旁，保留其中仍可读取的待同步修改，并从服务器重建。</translation>
    </message>
</context>
<context>
    <name>CategoryTree</name>
    <message>
        <location filename="../workbench/ui/selection/category_tree.py" line="+53"/>
        <source>All categories</source>
        <translation>全部类目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Counts: all products</source>
        <translation>数量：全部商品</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Counts: this result</source>
        <translation>数量：当前结果</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many products of the current result are in each category (the chosen category aside).</source>
        <translation>当前结果中每个分类有多少商品（不计已选的分类）。</translation>
    </message>
</context>
<context>
    <name>ChannelKind</name>
    <message>
        <location filename="../workbench/ui/selection/channel_picker.py" line="+36"/>
        <source>Channels showcase (视频号橱窗)</source>
        <translation>视频号橱窗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channels live (视频号直播)</source>
        <translation>视频号直播</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channels short video (视频号短视频)</source>
        <translation>视频号短视频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official account (公众号)</source>
        <translation>公众号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service account (服务号)</source>
        <translation>服务号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mini program (小程序)</source>
        <translation>小程序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Community (社群)</source>
        <translation>社群</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only 视频号 channels (showcase, live, short video) until you upgrade to 微信小店带货者; after the upgrade every channel kind is open.</source>
        <translation>升级为微信小店带货者之前，只能使用视频号渠道（橱窗、直播、短视频）；升级后所有渠道类型均可使用。</translation>
    </message>
</context>
<context>
    <name>ChannelPicker</name>
    <message>
        <location line="+35"/>
        <source>Add to channels</source>
        <translation>添加到渠道</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Place %Ln product(s) on the channels you tick. Products already on a channel are skipped.</source>
        <translation>
            <numerusform>将 %Ln 件商品添加到勾选的渠道；渠道上已有的商品会跳过。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>(%Ln product(s))</source>
        <translation>
            <numerusform>（%Ln 件商品）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(pending sync)</source>
        <translation>（待同步）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>New channel name</source>
        <translation>新渠道名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add channel</source>
        <translation>添加渠道</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>You have no channels yet. Add one below.</source>
        <translation>你还没有渠道，请在下方添加一个。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Give the new channel a name.</source>
        <translation>请为新渠道填写名称。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(new)</source>
        <translation>（新）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Tick at least one channel.</source>
        <translation>请至少勾选一个渠道。</translation>
    </message>
</context>
<context>
    <name>ChannelsPage</name>
    <message>
        <location filename="../workbench/ui/channels/page.py" line="+149"/>
        <source>My channels</source>
        <translation>我的渠道</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Listings</source>
        <translation>商品数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With a live plan</source>
        <translation>有生效计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales, 30 days (kind)</source>
        <translation>近30天销售（按类型）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Orders name the kind of channel they sold through, not the channel.</source>
        <translation>订单只记录成交的渠道类型，而不是具体渠道。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel name (Ctrl+N)</source>
        <translation>渠道名称（Ctrl+N）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add channel</source>
        <translation>添加渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename (F2)</source>
        <translation>重命名（F2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete… (Del)</source>
        <translation>删除…（Del）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You sell as a 视频号带货者: only 视频号 channels (showcase, live, short video). Upgrade to 微信小店带货者 to open 公众号, 服务号, 小程序 and 社群 channels. Your showcase products, orders, deposit (保证金) and settlement records carry over whole; no second deposit is paid.</source>
        <translation>你目前是视频号带货者：只能使用视频号渠道（橱窗、直播、短视频）。升级为微信小店带货者后可开通公众号、服务号、小程序和社群渠道。橱窗商品、订单、保证金和结算记录完整保留，无需再次缴纳保证金。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Upgrade (Ctrl+Shift+U)</source>
        <translation>升级（Ctrl+Shift+U）</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Could not read your channels: %1</source>
        <translation>无法读取你的渠道：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%1 in %n order(s)</source>
        <translation>
            <numerusform>%n 笔订单，共 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pending sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No account is open.</source>
        <translation>未打开账号。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading your channels…</source>
        <translation>正在读取你的渠道…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You have no channels yet. Choose a kind, type a name below and press Enter (Ctrl+N), then place products on it from the selection center.</source>
        <translation>你还没有渠道。在下方选择类型、输入名称并按回车（Ctrl+N），然后在选品中心把商品添加到渠道。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Give the channel a name.</source>
        <translation>请为渠道输入名称。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A channel name has at most %1 characters.</source>
        <translation>渠道名称最多 %1 个字符。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Channel “%1” added.</source>
        <translation>已添加渠道“%1”。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Channel renamed to “%1”.</source>
        <translation>渠道已重命名为“%1”。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete channel</source>
        <translation>删除渠道</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Delete “%1”? Its %n listing(s) go with it (the products stay in the catalogue).</source>
        <translation>
            <numerusform>删除“%1”？其中的 %n 个商品会一并移除（商品仍在选品中心）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Channel “%1” deleted with %n listing(s).</source>
        <translation>
            <numerusform>已删除渠道“%1”及其 %n 个商品。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Upgrading to 微信小店带货者: every channel kind opens when the server confirms.</source>
        <translation>正在升级为微信小店带货者：服务器确认后即可使用所有渠道类型。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>Chart</name>
    <message>
        <location filename="../workbench/ui/analytics/charts.py" line="+142"/>
        <source>Copy image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as PNG…</source>
        <translation>另存为 PNG…</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
</context>
<context>
    <name>ComingPage</name>
    <message>
        <location filename="../workbench/ui/pages/coming.py" line="+59"/>
        <source>Coming soon: this page arrives in a coming release. Your data is already synced and kept offline, so it will be here when the page is.</source>
        <translation>即将推出：此页面将在后续版本中上线。你的数据已经同步并保存在本地，可离线使用，页面上线后即可直接查看。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>My channels</source>
        <translation>我的渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your channels (视频号, 公众号, 服务号, 小程序, 社群) and the products placed on each, with their health.</source>
        <translation>你的各个渠道（视频号、公众号、服务号、小程序、社群）、每个渠道上架的商品及其状态。</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location line="+30"/>
        <source>Samples</source>
        <translation>样品</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Sample requests, shipping and the content owed for them.</source>
        <translation>样品申请、寄样进度，以及领样后需要完成的内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+33"/>
        <source>Analytics</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Sales and commission by channel, product and day, with CSV export.</source>
        <translation>按渠道、商品和日期查看销售额与佣金，并可导出 CSV。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>My promotion plans</source>
        <translation>我的推广计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The plans you run on your products (general, targeted, exclusive), their rates and their history.</source>
        <translation>你为商品设置的推广计划（普通、定向、专属）、佣金率及其历史。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reviews</source>
        <translation>审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creators&apos; applications to your plans, to approve or reject with a reason.</source>
        <translation>带货者对你的推广计划的申请，可通过或附理由拒绝。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sample requests to review and ship, and each creator&apos;s fulfilment rate.</source>
        <translation>待审核和发货的样品申请，以及每位带货者的履约率。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sales by creator and by channel, by product and day, with CSV export.</source>
        <translation>按带货者、渠道、商品和日期统计的销售，可导出 CSV。</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../workbench/ui/selection/compare_dialog.py" line="+46"/>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shop score</source>
        <translation>店铺评分</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commission rate</source>
        <translation>佣金率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Best plan rate</source>
        <translation>最高计划佣金率</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Commission per sale</source>
        <translation>单件佣金</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Monthly sales</source>
        <translation>月销量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guarantees</source>
        <translation>服务保障</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Compare products</source>
        <translation>商品对比</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Highlighted rows differ; the best value in a row is bold.</source>
        <translation>高亮的行数值不同；每行最优值加粗显示。</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <location filename="../workbench/ui/conflicts.py" line="+46"/>
        <source>A 视频号带货者 sells on 视频号 channels only: upgrade to 微信小店带货者 to use other channels.</source>
        <translation>视频号带货者只能在视频号渠道带货：升级为微信小店带货者后才能使用其他渠道。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What it refers to is not on the server (for example a channel the server refused).</source>
        <translation>服务器上没有它所指向的对象（例如一个被服务器拒绝的渠道）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The product cannot be promoted now (delisted or sale forbidden).</source>
        <translation>该商品目前不能推广（已下架或被禁止售卖）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The product is already on that channel.</source>
        <translation>该商品已在这个渠道上。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This account&apos;s role cannot do that.</source>
        <translation>此账号的角色不能进行这项操作。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This account may not do that.</source>
        <translation>此账号无权进行这项操作。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Someone changed it on the server first; the server&apos;s version is kept.</source>
        <translation>服务器上已有人先修改了它，已保留服务器上的版本。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server could not accept the values of this edit.</source>
        <translation>服务器无法接受这次修改的内容。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This account is not eligible for that.</source>
        <translation>此账号不符合条件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The plan is not active.</source>
        <translation>该推广计划未生效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It was already decided.</source>
        <translation>已经处理过了。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You have already applied.</source>
        <translation>你已经申请过了。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The product belongs to another shop.</source>
        <translation>该商品属于其他店铺。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server refused it.</source>
        <translation>服务器拒绝了这次修改。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Add the %1 channel “%2”</source>
        <translation>添加%1渠道「%2」</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Place “%1” on the channel “%2”</source>
        <translation>把「%1」上架到渠道「%2」</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Favourite “%1”</source>
        <translation>收藏「%1」</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2</source>
        <translation>%2 的 %1</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location line="+138"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What you tried</source>
        <translation>你做的修改</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why the server refused it</source>
        <translation>服务器拒绝的原因</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refused edits are not applied; what you see is what the server has. Nothing else was lost.</source>
        <translation>被拒绝的修改没有生效，你看到的是服务器上的数据。其他内容均未丢失。</translation>
    </message>
</context>
<context>
    <name>CsvExporter</name>
    <message>
        <location filename="../workbench/ui/selection/exporting.py" line="+59"/>
        <source>Exporting products…</source>
        <translation>正在导出商品…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>Exported %Ln product(s) to %1.</source>
        <translation>
            <numerusform>已导出 %Ln 件商品到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The export failed, no file was written: %1</source>
        <translation>导出失败，未写入文件：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Product ID</source>
        <translation>商品 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price (CNY)</source>
        <translation>价格（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commission rate (%)</source>
        <translation>佣金率（%）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commission per sale (CNY)</source>
        <translation>单件佣金（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monthly sales</source>
        <translation>月销量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guarantees</source>
        <translation>服务保障</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../workbench/ui/analytics/dashboard.py" line="+146"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channels</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scenes</source>
        <translation>场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Categories</source>
        <translation>类目</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+141"/>
        <source>Gift orders</source>
        <translation>送礼订单</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>Creators × channels</source>
        <translation>带货者 × 渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creator ranking</source>
        <translation>带货者排行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plans</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No orders from %1 to %2. Choose a longer range above, or sync to fetch new orders.</source>
        <translation>%1 至 %2 没有订单。请在上方选择更长的时间范围，或同步以获取新订单。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Δ against %1 – %2</source>
        <translation>较上期 %1 – %2</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>GMV and commission</source>
        <translation>成交额与佣金</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+18"/>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Gift orders (送礼物): share of orders and GMV</source>
        <translation>送礼物订单：订单数与成交额占比</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>Share of orders</source>
        <translation>订单占比</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+8"/>
        <source>Share of GMV</source>
        <translation>成交额占比</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gift GMV</source>
        <translation>送礼成交额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>GMV</source>
        <translation>成交额</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>GMV by channel (带货渠道)</source>
        <translation>各带货渠道成交额</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>GMV, top %1</source>
        <translation>成交额前 %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>GMV by creator and channel</source>
        <translation>各带货者、各渠道成交额</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Creator</source>
        <translation>带货者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../workbench/ui/selection/detail_panel.py" line="+175"/>
        <source>Hide the details (Esc)</source>
        <translation>隐藏详情（Esc）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select a product to see its details, plans and commission history.</source>
        <translation>选择一件商品，查看详情、推广计划和佣金历史。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commission rate</source>
        <translation>佣金率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commission per sale</source>
        <translation>单件佣金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monthly sales</source>
        <translation>月销量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guarantees</source>
        <translation>服务保障</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Platform service fee</source>
        <translation>平台服务费</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add to channels…</source>
        <translation>添加到渠道…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add to compare</source>
        <translation>加入对比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promotion plans</source>
        <translation>推广计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rate</source>
        <translation>佣金率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Period</source>
        <translation>推广期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No plan covers this product: it earns the product&apos;s own commission rate.</source>
        <translation>此商品暂无推广计划，按商品自身佣金率结算。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commission rate history</source>
        <translation>佣金率历史</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On my channels</source>
        <translation>我的渠道</translation>
    </message>
    <message>
        <location line="+16"/>
        <source> (score %1)</source>
        <translation>（评分 %1）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>★ Favourite</source>
        <translation>★ 已收藏</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>☆ Add to favourites</source>
        <translation>☆ 收藏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(pending sync)</source>
        <translation>（待同步）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 (yours: %2)</source>
        <translation>%1（你的：%2）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Running</source>
        <translation>推广中</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Not on any of your channels yet.</source>
        <translation>尚未添加到你的任何渠道。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>pending sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 since %2: no change seen yet (this computer keeps the history from its first sync).</source>
        <translation>自 %2 起为 %1，暂未发现变动（本机从首次同步起记录历史）。</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>Seen by this computer since %1; %Ln change(s).</source>
        <translation>
            <numerusform>本机自 %1 起记录；变动 %Ln 次。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Listed</source>
        <translation>已上架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Below admission</source>
        <translation>未达准入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not started</source>
        <translation>未生效</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../workbench/ui/errors.py" line="+189"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln unexpected error(s) occurred.</source>
        <translation>
            <numerusform>发生了 %Ln 个意外错误。</numerusform>
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
    <name>FigureTable</name>
    <message>
        <location filename="../workbench/ui/analytics/tables.py" line="+91"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../workbench/ui/selection/filter_bar.py" line="+155"/>
        <source>Search titles, shops and categories, e.g. 茶 or iPhone 壳 (Ctrl+F)</source>
        <translation>搜索标题、店铺和类目，如“茶”或“iPhone 壳”（Ctrl+F）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Guarantees</source>
        <translation>服务保障</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+85"/>
        <source>Promotable now</source>
        <translation>当前可推广</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>Only products on sale and in stock</source>
        <translation>只看在售且有库存的商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide products on my channels</source>
        <translation>隐藏已在我渠道的商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>★ Favourites only</source>
        <translation>★ 只看收藏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved filters</source>
        <translation>已存筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear all</source>
        <translation>全部清除</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Keyword: %1</source>
        <translation>关键词：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Category: %1</source>
        <translation>类目：%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not on my channels</source>
        <translation>不在我的渠道</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>★ Favourites</source>
        <translation>★ 收藏</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Remove this filter</source>
        <translation>移除此筛选</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Save current filter…</source>
        <translation>保存当前筛选…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No saved filters yet</source>
        <translation>还没有保存的筛选</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save filter</source>
        <translation>保存筛选</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name of this filter (at most 60 characters):</source>
        <translation>筛选名称（最多 60 个字符）：</translation>
    </message>
</context>
<context>
    <name>LedgerView</name>
    <message>
        <location filename="../workbench/ui/analytics/ledger.py" line="+36"/>
        <source>Matched</source>
        <translation>相符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing</source>
        <translation>漏结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short paid</source>
        <translation>少结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Over paid</source>
        <translation>多结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunded after settlement</source>
        <translation>结算后退款</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Discrepancies only</source>
        <translation>仅看差异</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every settle-due line</source>
        <translation>全部应结算明细</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+27"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+28"/>
        <source>Expected</source>
        <translation>应结</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+29"/>
        <source>Settled</source>
        <translation>已结算</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+29"/>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>No settle-due commission yet: lines appear here once the platform settles them.</source>
        <translation>暂无应结算佣金：平台结算后明细会显示在这里。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 lines, %2 discrepancies; settled minus expected: %3.</source>
        <translation>共 %1 条明细，%2 条差异；实结减应结：%3。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rate</source>
        <translation>佣金率</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Commission reconciliation</source>
        <translation>佣金对账</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../workbench/ui/login_dialog.py" line="+80"/>
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
        <location line="+5"/>
        <source>Sign in to %1 as %2 to continue: this computer keeps no login for it.</source>
        <translation>请以 %2 登录 %1 以继续：这台电脑没有保存它的登录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel opens the demo.</source>
        <translation>取消则打开演示账号。</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+56"/>
        <source>Plain http is only allowed for this computer (127.0.0.1). Use https:// for a remote server.</source>
        <translation>只有本机（127.0.0.1）可以使用 http 明文连接。远程服务器请使用 https://。</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>That is not a server address. Example: https://shop.example.com</source>
        <translation>这不是有效的服务器地址。示例：https://shop.example.com</translation>
    </message>
    <message>
        <location line="+4"/>
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
    <message numerus="yes">
        <location line="+4"/>
        <source>Too many wrong passwords: this account is locked for %Ln minute(s). Try again later.</source>
        <translation>
            <numerusform>密码错误次数过多：此账号已锁定 %Ln 分钟，请稍后再试。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Wrong account or password.</source>
        <translation>账号或密码错误。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too many attempts. Wait a minute and try again.</source>
        <translation>尝试次数过多，请稍等一分钟再试。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Login failed: %1</source>
        <translation>登录失败：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../workbench/ui/pages/registry.py" line="+84"/>
        <source>My plans</source>
        <translation>我的计划</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <source>Reviews</source>
        <translation>审核</translation>
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
        <location filename="../workbench/ui/main_window.py" line="+202"/>
        <source>Close this message</source>
        <translation>关闭此消息</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Shop Workbench</source>
        <translation>小店工作台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account:</source>
        <translation>账号：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch to the demo merchant</source>
        <translation>切换到演示商家</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch to the demo creator</source>
        <translation>切换到演示带货者</translation>
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
        <location line="+1"/>
        <source>Show the edits the server refused</source>
        <translation>查看被服务器拒绝的修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About…</source>
        <translation>关于…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Offline: the server cannot be reached. Everything you have here stays usable; your edits are kept and sent when the server is back.</source>
        <translation>离线：无法连接服务器。本地的所有内容仍可正常使用；你的修改会保存下来，待服务器恢复后自动同步。</translation>
    </message>
    <message>
        <location line="+69"/>
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
        <location line="+4"/>
        <source>Offline since %1</source>
        <translation>%1 起离线</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Preparing your workbench: downloading the product catalogue (%1 of %2)…</source>
        <translation>正在准备工作台：下载商品库（%1 / %2）…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preparing keyword search (%1 of %2 products); browsing and filters already work.</source>
        <translation>正在准备关键词搜索（%1 / %2 件商品）；浏览和筛选已可使用。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Pending edits: %1</source>
        <translation>待同步的修改：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conflicts: %1</source>
        <translation>冲突：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location line="+3"/>
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
    <name>OrdersView</name>
    <message>
        <location filename="../workbench/ui/analytics/orders_view.py" line="+13"/>
        <source>Clear drill-down</source>
        <translation>清除下钻</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No order lines match. Widen the range or clear a filter.</source>
        <translation>没有符合条件的订单明细。请扩大时间范围或清除筛选。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 order lines</source>
        <translation>%1 条订单明细</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exporting order lines…</source>
        <translation>正在导出订单明细…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ProductColumns</name>
    <message>
        <location filename="../workbench/ui/selection/columns.py" line="+36"/>
        <source>7-day returns</source>
        <translation>7天无理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return shipping insurance</source>
        <translation>运费险</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Worry-free purchase</source>
        <translation>放心买</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damage refund</source>
        <translation>损坏包退</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fake pays 3x</source>
        <translation>假一赔三</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pay after use</source>
        <translation>先用后付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free shipping</source>
        <translation>包邮</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../workbench/ui/selection/exporting.py" line="+3"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>On sale</source>
        <translation>在售</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delisted</source>
        <translation>已下架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sale forbidden</source>
        <translation>禁止售卖</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>General</source>
        <translation>普通</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Targeted</source>
        <translation>定向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exclusive</source>
        <translation>专属</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pending sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commission rate</source>
        <translation>佣金率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commission per sale</source>
        <translation>单件佣金</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Monthly sales</source>
        <translation>月销量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guarantees</source>
        <translation>服务保障</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan type</source>
        <translation>计划类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On my channels</source>
        <translation>我的渠道</translation>
    </message>
</context>
<context>
    <name>ProductTableModel</name>
    <message>
        <location filename="../workbench/ui/selection/model.py" line="+160"/>
        <source>Click to sort by this column</source>
        <translation>点击按此列排序</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
</context>
<context>
    <name>RailHeader</name>
    <message>
        <location filename="../workbench/ui/branding.py" line="+56"/>
        <source>Shop Workbench</source>
        <translation>小店工作台</translation>
    </message>
</context>
<context>
    <name>RangeFilter</name>
    <message>
        <location filename="../workbench/ui/selection/ranges.py" line="+40"/>
        <source>Enter an amount in yuan, like 12.50.</source>
        <translation>请输入以元为单位的金额，如 12.50。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That amount is too large.</source>
        <translation>金额过大。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+3"/>
        <source>Enter a percentage between 0 and 100, like 20 or 12.5.</source>
        <translation>请输入 0 到 100 之间的百分比，如 20 或 12.5。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use at most four decimals for a percentage.</source>
        <translation>百分比最多保留四位小数。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter a whole number, like 500.</source>
        <translation>请输入整数，如 500。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That number is too large.</source>
        <translation>数字过大。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commission rate</source>
        <translation>佣金率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Commission per sale</source>
        <translation>单件佣金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monthly sales</source>
        <translation>月销量</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no minimum</source>
        <translation>不限最低</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no maximum</source>
        <translation>不限最高</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Minimum</source>
        <translation>最低值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum</source>
        <translation>最高值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The minimum is above the maximum.</source>
        <translation>最低值高于最高值。</translation>
    </message>
</context>
<context>
    <name>RejectionNotice</name>
    <message>
        <location filename="../workbench/ui/conflicts.py" line="-56"/>
        <source>Show conflicts</source>
        <translation>查看冲突</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close this message</source>
        <translation>关闭此消息</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>The server refused %Ln of your edits: %1</source>
        <translation>
            <numerusform>服务器拒绝了你的 %Ln 项修改：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <location filename="../workbench/ui/analytics/dashboard.py" line="-300"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
</context>
<context>
    <name>SelectionPage</name>
    <message>
        <location filename="../workbench/ui/selection/page.py" line="+265"/>
        <source>Selection center</source>
        <translation>选品中心</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add to channels…</source>
        <translation>添加到渠道…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Place the selected products on your channels (Ctrl+Shift+A)</source>
        <translation>将所选商品添加到你的渠道（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add to favourites</source>
        <translation>加入收藏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the selected products to your favourites (Ctrl+D)</source>
        <translation>收藏所选商品（Ctrl+D）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the selected rows (Ctrl+E) or all results to a CSV file</source>
        <translation>将所选行（Ctrl+E）或全部结果导出为 CSV 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selected rows…</source>
        <translation>所选行…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All results…</source>
        <translation>全部结果…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>↺ Best matches first</source>
        <translation>↺ 最佳匹配优先</translation>
    </message>
    <message>
        <location line="+160"/>
        <source>No account is open.</source>
        <translation>未打开账号。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Searching…</source>
        <translation>正在查询…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln product(s)</source>
        <translation>
            <numerusform>%Ln 件商品</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln selected</source>
        <translation>
            <numerusform>已选 %Ln 件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>keyword search being prepared (%1%); until then keyword results come slower</source>
        <translation>关键词搜索准备中（%1%），完成前关键词结果会慢一些</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open an account to see the product catalogue.</source>
        <translation>打开账号即可查看商品库。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The product catalogue is not here yet: it is downloaded with the first sync and appears as soon as it is in.</source>
        <translation>商品库尚未就绪：首次同步时下载，完成后立即显示。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No products match these filters. Remove a filter or clear them all.</source>
        <translation>没有符合筛选条件的商品。请移除某个筛选或全部清除。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The catalogue could not be read: %1</source>
        <translation>无法读取商品库：%1</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>The list changed, so the selection was cleared.</source>
        <translation>列表已变化，已清除选择。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Select products first (click, Shift+click, Ctrl+click, or Space).</source>
        <translation>请先选择商品（单击、Shift+单击、Ctrl+单击或空格键）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Select at most %1 products for this.</source>
        <translation>此操作最多选择 %1 件商品。</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>%Ln listing(s) added and sent to the server.</source>
        <translation>
            <numerusform>已添加 %Ln 个上架，并已发送到服务器。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>%Ln product(s) added to favourites.</source>
        <translation>
            <numerusform>已收藏 %Ln 件商品。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Open an account first.</source>
        <translation>请先打开账号。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was changed: %1</source>
        <translation>未做任何更改：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That product is already in the comparison.</source>
        <translation>该商品已在对比中。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compare at most %1 products: open the comparison or start again.</source>
        <translation>最多对比 %1 件商品：请打开对比或重新开始。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Compare (%1)</source>
        <translation>对比（%1）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Select 2 to %1 rows, or add products with &quot;Add to compare&quot; in the details.</source>
        <translation>请选择 2 到 %1 行，或在详情中点击“加入对比”。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Select the rows to export first, or export all results.</source>
        <translation>请先选择要导出的行，或导出全部结果。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export to CSV</source>
        <translation>导出为 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <location line="-109"/>
        <source>%Ln listing(s) added; sending them to the server.</source>
        <translation>
            <numerusform>已添加 %Ln 个上架，正在发送到服务器。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-2"/>
        <source>%Ln listing(s) added offline; they are sent when the server is back.</source>
        <translation>
            <numerusform>已离线添加 %Ln 个上架，服务器恢复后自动发送。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln were already there.</source>
        <translation>
            <numerusform>%Ln 个已存在。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Open an account to save filters.</source>
        <translation>请先打开账号再保存筛选。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Filter &quot;%1&quot; saved.</source>
        <translation>筛选“%1”已保存。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete filter</source>
        <translation>删除筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the saved filter &quot;%1&quot;?</source>
        <translation>删除已保存的筛选“%1”？</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../workbench/ui/pages/settings_page.py" line="+230"/>
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
