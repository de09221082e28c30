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
    <name>AlertBell</name>
    <message>
        <location filename="../workbench/ui/plans/alerts.py" line="+123"/>
        <source>Rate cuts: %1</source>
        <translation>降佣提醒：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rate cuts</source>
        <translation>降佣提醒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Commission cuts on plans you applied to or list: %1 unread</source>
        <translation>你申请过或在带货的计划被降佣：%1 条未读</translation>
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
        <location filename="../workbench/ui/analytics/orders_view.py" line="+136"/>
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
        <location filename="../workbench/ui/analytics/page.py" line="+131"/>
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
        <translation>订单数</translation>
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
    <name>ApplicationsView</name>
    <message>
        <location filename="../workbench/ui/plans/applications.py" line="+149"/>
        <source>Every state</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+112"/>
        <source>Waiting for the merchant</source>
        <translation>待商家审核</translation>
    </message>
    <message>
        <location line="-111"/>
        <location line="+112"/>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location line="-111"/>
        <location line="+112"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="-111"/>
        <location line="+112"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Product title contains…</source>
        <translation>商品标题包含…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate at least</source>
        <translation>佣金率不低于</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rate</source>
        <translation>佣金率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applied</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Every shop</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>My applications are a creator&apos;s page.</source>
        <translation>“我的申请”是带货者的页面。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading my applications…</source>
        <translation>正在读取我的申请…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No application matches these filters.</source>
        <translation>没有符合这些筛选条件的申请。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You have not applied to a plan yet: choose one under Plans and press Apply…</source>
        <translation>你还没有申请过推广计划：在“计划”中选一个，然后点“申请…”。</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%Ln application(s)</source>
        <translation>
            <numerusform>共 %Ln 条申请</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 · pending sync</source>
        <translation>%1 · 待同步</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Withdrawn: the merchant no longer reviews it.</source>
        <translation>已撤回：商家不再审核这条申请。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Withdrawn; the server hears of it at the next sync.</source>
        <translation>已撤回；下次同步时告知服务器。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>List on channels</source>
        <translation>上架到渠道</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Listed on %n channel(s) and sent to the server.</source>
        <translation>
            <numerusform>已上架到 %n 个渠道，并已发送到服务器。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Listed on %n channel(s) offline: sent when the server is back.</source>
        <translation>
            <numerusform>已离线上架到 %n 个渠道：服务器恢复后发送。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Listed on %n channel(s); sending to the server.</source>
        <translation>
            <numerusform>已上架到 %n 个渠道；正在发送到服务器。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>ApplyDialog</name>
    <message>
        <location filename="../workbench/ui/plans/apply_dialog.py" line="+106"/>
        <source>Apply to a plan</source>
        <translation>申请推广计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · %2: the plan pays %3.</source>
        <translation>%1 · %2：该计划佣金率为 %3。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Who you are and how you will promote it (followers, channels, past sales)</source>
        <translation>介绍你自己和推广方式（粉丝数、渠道、过往销量）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expected rate</source>
        <translation>期望佣金率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message to the merchant</source>
        <translation>给商家的留言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>申请</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 of %2 characters</source>
        <translation>%1 / %2 字</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This plan pays %1: an application is made at the plan&apos;s rate. To earn more, ask the merchant for a targeted plan.</source>
        <translation>该计划佣金率为 %1：申请按计划的佣金率提交。想要更高佣金，请向商家申请定向计划。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>At most %1 characters: this message has %2.</source>
        <translation>最多 %1 字：这条留言有 %2 字。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The message holds a character that cannot be sent.</source>
        <translation>留言中有无法发送的字符。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>You already applied to this plan: see My applications.</source>
        <translation>你已申请过该计划：请在“我的申请”中查看。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not applied: %1</source>
        <translation>未申请：%1</translation>
    </message>
</context>
<context>
    <name>AttentionModel</name>
    <message>
        <location filename="../workbench/ui/channels/attention.py" line="+118"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 (+%2 more)</source>
        <translation>%1（另有 %2 项）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Product %1</source>
        <translation>商品 %1</translation>
    </message>
</context>
<context>
    <name>AttentionPanel</name>
    <message>
        <location line="+100"/>
        <source>Hide (Ctrl+Shift+A)</source>
        <translation>收起（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show (Ctrl+Shift+A)</source>
        <translation>查看（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replacements… (Enter)</source>
        <translation>替换建议…（Enter）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Could not check your listings: %1</source>
        <translation>无法检查你的上架商品：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checking the health of your listings…</source>
        <translation>正在检查上架商品的健康状况…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All your listings are healthy: on sale, in stock, earning.</source>
        <translation>你的上架商品都很健康：在售、有库存、有佣金。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n listing(s) need attention on your channels.</source>
        <translation>
            <numerusform>你的渠道上有 %n 个上架商品需要处理。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Replaced: the new listing takes the old one&apos;s place (pending sync).</source>
        <translation>已替换：新商品占据原来的位置（待同步）。</translation>
    </message>
</context>
<context>
    <name>BatchActions</name>
    <message>
        <location filename="../workbench/ui/selection/batch_actions.py" line="+53"/>
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
        <location line="+30"/>
        <source>Select products first (click, Shift+click, Ctrl+click, or Space).</source>
        <translation>请先选择商品（单击、Shift+单击、Ctrl+单击或空格键）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Select at most %1 products for this.</source>
        <translation>此操作最多选择 %1 件商品。</translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>%Ln listing(s) added and sent to the server.</source>
        <translation>
            <numerusform>已添加 %Ln 个上架，并已发送到服务器。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln listing(s) added offline; they are sent when the server is back.</source>
        <translation>
            <numerusform>已离线添加 %Ln 个上架，服务器恢复后自动发送。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln listing(s) added; sending them to the server.</source>
        <translation>
            <numerusform>已添加 %Ln 个上架，正在发送到服务器。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln were already there.</source>
        <translation>
            <numerusform>%Ln 个已存在。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%Ln product(s) added to favourites.</source>
        <translation>
            <numerusform>已收藏 %Ln 件商品。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Open an account first.</source>
        <translation>请先打开账号。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was changed: %1</source>
        <translation>未做任何更改：%1</translation>
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
        <location filename="../workbench/ui/selection/channel_picker.py" line="+37"/>
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
        <location line="+38"/>
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
        <location line="+7"/>
        <source>(already lists it)</source>
        <translation>（已上架）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This channel already lists the product.</source>
        <translation>该渠道已上架此商品。</translation>
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
        <location line="+32"/>
        <source>Tick at least one channel.</source>
        <translation>请至少勾选一个渠道。</translation>
    </message>
</context>
<context>
    <name>ChannelsPage</name>
    <message>
        <location filename="../workbench/ui/channels/page.py" line="+193"/>
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
        <source>Sales, 30 days</source>
        <translation>近30天销售</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Orders of the last 30 days sold through this channel (paid, less refunds).</source>
        <translation>近30天通过此渠道成交的订单（实付减退款）。</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+56"/>
        <source>Could not read your channels: %1</source>
        <translation>无法读取你的渠道：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
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
        <location line="+14"/>
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
        <location line="+29"/>
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
        <location line="+10"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>Chart</name>
    <message>
        <location filename="../workbench/ui/analytics/charts.py" line="+159"/>
        <source>Copy image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as PNG…</source>
        <translation>另存为 PNG…</translation>
    </message>
    <message>
        <location line="+139"/>
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
    <name>CompareList</name>
    <message>
        <location filename="../workbench/ui/selection/compare_list.py" line="+38"/>
        <source>Compare (%1)</source>
        <translation>对比（%1）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>That product is already in the comparison.</source>
        <translation>该商品已在对比中。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compare at most %1 products: open the comparison or start again.</source>
        <translation>最多对比 %1 件商品：请打开对比或重新开始。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select 2 to %1 rows, or add products with &quot;Add to compare&quot; in the details.</source>
        <translation>请选择 2 到 %1 行，或在详情中点击“加入对比”。</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <location filename="../workbench/ui/conflicts.py" line="+35"/>
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
        <source>The channel it was going to is gone (deleted on another device): the listing stays where it was.</source>
        <translation>要移去的渠道已不在（已在另一台设备上删除）：商品仍留在原渠道。</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location filename="../workbench/ui/conflicts_inbox.py" line="+52"/>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>position</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pinned</source>
        <translation>置顶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hidden</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>custom title</source>
        <translation>自定义标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>selling points</source>
        <translation>卖点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>end</source>
        <translation>结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>filter</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Add the %1 channel “%2”</source>
        <translation>添加%1渠道「%2」</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rename the channel “%1”</source>
        <translation>重命名渠道「%1」</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the channel “%1”</source>
        <translation>删除渠道「%1」</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place “%1” on the channel “%2”</source>
        <translation>把「%1」上架到渠道「%2」</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change “%1” on the channel “%2”</source>
        <translation>修改渠道「%2」上的「%1」</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove “%1” from the channel “%2”</source>
        <translation>从渠道「%2」下架「%1」</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move “%1” to the channel “%2”</source>
        <translation>把“%1”移到渠道“%2”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Favourite “%1”</source>
        <translation>收藏「%1」</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unfavourite “%1”</source>
        <translation>取消收藏「%1」</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the filter “%1”</source>
        <translation>保存筛选「%1」</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete a saved filter</source>
        <translation>删除一个已保存的筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upgrade to 微信小店带货者</source>
        <translation>升级为微信小店带货者</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 of %2</source>
        <translation>%2 的 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Nothing: the server did not take the edit.</source>
        <translation>无：服务器没有接受这次修改。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server has no such row (deleted, or never made).</source>
        <translation>服务器上没有这一条（已删除，或从未创建）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(version %1)</source>
        <translation>（版本 %1）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Retried %1</source>
        <translation>已重试 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discarded %1</source>
        <translation>已放弃 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Waiting for your decision: retry mine, or discard it.</source>
        <translation>等你决定：重试我的修改，或放弃它。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent again on the server&apos;s version (see the pending edits and this list).</source>
        <translation>已基于服务器的版本重新发送（见待同步修改和本列表）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discarded: the server&apos;s version stays.</source>
        <translation>已放弃：保留服务器的版本。</translation>
    </message>
</context>
<context>
    <name>ConflictsInbox</name>
    <message>
        <location line="+87"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you tried</source>
        <translation>你的修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the server has now</source>
        <translation>服务器现在的内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Until you decide, what you see is what the server has; your edit is kept here. Retry sends it again on the server&apos;s version; Discard keeps the server&apos;s. Resolved items stay listed.</source>
        <translation>在你决定之前，你看到的是服务器上的内容；你的修改保留在这里。“重试”会基于服务器的版本重新发送；“放弃”则保留服务器的内容。已处理的条目仍会列出。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Retry mine (Ctrl+R)</source>
        <translation>重试我的修改 (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard mine (Del)</source>
        <translation>放弃我的修改 (Del)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open (Enter)</source>
        <translation>打开 (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No conflicts: the server took every edit you made.</source>
        <translation>没有冲突：服务器接受了你的每一次修改。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n open, needing your decision;</source>
        <translation>
            <numerusform>%n 条待你处理；</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n resolved.</source>
        <translation>
            <numerusform>%n 条已处理。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Already resolved (on another page or window).</source>
        <translation>已经处理过了（在其他页面或窗口）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <location filename="../workbench/ui/samples/texts.py" line="+44"/>
        <source>Delivered</source>
        <translation>已交付</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n day(s) left</source>
        <translation>
            <numerusform>剩 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n hour(s) left</source>
        <translation>
            <numerusform>剩 %n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n minute(s) left</source>
        <translation>
            <numerusform>剩 %n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n day(s) late</source>
        <translation>
            <numerusform>逾期 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n hour(s) late</source>
        <translation>
            <numerusform>逾期 %n 小时</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CreatePlansDialog</name>
    <message>
        <location filename="../workbench/ui/merchant/plan_dialogs.py" line="+202"/>
        <source>New promotion plans</source>
        <translation>新建推广计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Products (at most %1 at once)</source>
        <translation>商品（一次最多 %1 件）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find a product of your shops (Ctrl+F)</source>
        <translation>查找本店商品（Ctrl+F）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate</source>
        <translation>佣金率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Begins</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Creators (targeted and exclusive plans name them; at most 30)</source>
        <translation>达人（定向和专属计划需指定；最多 30 位）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A creator&apos;s account id</source>
        <translation>达人账号 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every platform rule is checked here before anything is sent, even offline: one live general plan per product, a targeted plan needs a live general one, an exclusive plan stands alone, whole percent 0–90 %.</source>
        <translation>发送前会在本地检查所有平台规则（离线也可以）：每件商品只能有一个生效的普通计划；定向计划需要已有生效的普通计划；专属计划不能与其他计划共存；佣金率为 0–90 % 的整数百分比。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Create (Ctrl+Enter)</source>
        <translation>创建（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>Open to every creator; one live per product.</source>
        <translation>对所有达人开放；每件商品只能有一个生效的普通计划。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Named creators only; the product needs a live general plan.</source>
        <translation>仅限指定达人；该商品需有生效的普通计划。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Named creators only; no other live plan on the product.</source>
        <translation>仅限指定达人；该商品不能有其他生效计划。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 of at most %2 chosen</source>
        <translation>已选 %1 件，最多 %2 件</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>CreatorsDialog</name>
    <message>
        <location filename="../workbench/ui/merchant/plan_edit_dialogs.py" line="+174"/>
        <source>Creators of the plan</source>
        <translation>计划的达人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A creator&apos;s account id</source>
        <translation>达人账号 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
</context>
<context>
    <name>CsvExporter</name>
    <message>
        <location filename="../workbench/ui/selection/exporting.py" line="+68"/>
        <source>Exporting products…</source>
        <translation>正在导出商品…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Exported %Ln product(s) to %1.</source>
        <translation>
            <numerusform>已导出 %Ln 件商品到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
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
    <name>CutAlertsDialog</name>
    <message>
        <location filename="../workbench/ui/plans/alerts.py" line="+95"/>
        <source>Commission cuts</source>
        <translation>降佣提醒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>My rate</source>
        <translation>我的佣金率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Takes effect</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>My listings</source>
        <translation>我的在售</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open in My channels</source>
        <translation>在“我的渠道”中打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark read (Ctrl+R)</source>
        <translation>标为已读 (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark all read</source>
        <translation>全部标为已读</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Under notice</source>
        <translation>公示期中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In force</source>
        <translation>已生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No commission cuts on plans you applied to or list.</source>
        <translation>你申请过或在带货的计划没有降佣。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A cut waits out its notice period before your rate falls; raises apply at once. %1 unread of %2.</source>
        <translation>降佣须经过公示期才生效，提佣立即生效。共 %2 条，%1 条未读。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 on %2</source>
        <translation>%1 个（%2）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Applied, not listed</source>
        <translation>已申请，未上架</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 on the channel “%2”</source>
        <translation>渠道“%2”上的 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Listings this cut touches:</source>
        <translation>这次降佣影响的在售商品：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No listing of yours carries this product.</source>
        <translation>你的渠道上没有这个商品。</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../workbench/ui/analytics/dashboard.py" line="+168"/>
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
        <location line="+155"/>
        <source>Gift orders</source>
        <translation>送礼订单</translation>
    </message>
    <message>
        <location line="-154"/>
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
        <location line="+25"/>
        <source>No orders from %1 to %2. Choose a longer range above, or sync to fetch new orders.</source>
        <translation>%1 至 %2 没有订单。请在上方选择更长的时间范围，或同步以获取新订单。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Δ against %1 – %2</source>
        <translation>较上期 %1 – %2</translation>
    </message>
    <message>
        <location line="+84"/>
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
        <location filename="../workbench/ui/selection/detail_panel.py" line="+176"/>
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
        <location line="+30"/>
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
    <name>ExportWiring</name>
    <message>
        <location filename="../workbench/ui/selection/export_wiring.py" line="+46"/>
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
        <location line="+8"/>
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
</context>
<context>
    <name>FigureTable</name>
    <message>
        <location filename="../workbench/ui/analytics/tables.py" line="+92"/>
        <source>Exporting the table…</source>
        <translation>正在导出表格…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Exported %Ln row(s) to %1.</source>
        <translation>
            <numerusform>已导出 %Ln 行到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
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
    <name>FileExport</name>
    <message>
        <location filename="../workbench/ui/file_export.py" line="+62"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The export failed, no file was written: %1</source>
        <translation>导出失败，未写入文件：%1</translation>
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
    <name>FulfilDialog</name>
    <message>
        <location filename="../workbench/ui/samples/dialogs.py" line="+32"/>
        <source>Paste the link to your content (video, live replay or article).</source>
        <translation>请粘贴你的内容链接（视频、直播回放或文章）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The link is too long (at most 500 characters).</source>
        <translation>链接太长（最多 500 个字符）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A link has no spaces in it.</source>
        <translation>链接中不能有空格。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A link starts with http:// or https://</source>
        <translation>链接须以 http:// 或 https:// 开头</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Hand in content</source>
        <translation>提交内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The link to the content you made with the sample of “%1”:</source>
        <translation>你用“%1”的样品制作的内容链接：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hand in (Ctrl+Enter)</source>
        <translation>提交（Ctrl+Enter）</translation>
    </message>
</context>
<context>
    <name>LedgerView</name>
    <message>
        <location filename="../workbench/ui/analytics/ledger.py" line="+39"/>
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
        <location line="+46"/>
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
        <location line="+9"/>
        <source>Exporting the ledger…</source>
        <translation>正在导出对账单…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Exported %Ln ledger line(s) to %1.</source>
        <translation>
            <numerusform>已导出 %Ln 条对账明细到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Commission reconciliation</source>
        <translation>佣金对账</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Writing the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Wrote %Ln page(s) to %1.</source>
        <translation>
            <numerusform>已写入 %Ln 页到 %1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListingCells</name>
    <message>
        <location filename="../workbench/ui/channels/cell_edits.py" line="+39"/>
        <source>A custom title cannot be empty. To show the product&apos;s title again, use “Use the product&apos;s title” (Ctrl+Shift+R).</source>
        <translation>自定义标题不能为空。要重新显示商品原标题，请用“使用商品标题”（Ctrl+Shift+R）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A custom title has at most %1 characters.</source>
        <translation>自定义标题最多 %1 个字。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Selling points have at most %1 characters.</source>
        <translation>卖点最多 %1 个字。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A listing&apos;s schedule must end after it starts: nothing was changed.</source>
        <translation>上架时间的结束必须晚于开始：未做任何更改。</translation>
    </message>
</context>
<context>
    <name>ListingHealth</name>
    <message>
        <location filename="../workbench/ui/channels/reasons.py" line="+32"/>
        <source>Gone from the catalogue</source>
        <translation>已从选品库消失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sale forbidden (被禁止售卖)</source>
        <translation>被禁止售卖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delisted by the merchant</source>
        <translation>商家已下架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Out of stock</source>
        <translation>无库存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No live plan: earns nothing</source>
        <translation>无生效推广计划：没有佣金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Targeted plan no longer names you</source>
        <translation>定向推广计划已不再包含你</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commission cut</source>
        <translation>佣金下调</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan ends soon</source>
        <translation>推广计划即将结束</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Plan ends %1</source>
        <translation>推广计划 %1 结束</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commission cut %1 → %2 since %3</source>
        <translation>佣金自 %3 起由 %1 降为 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Targeted plan no longer names you (since %1)</source>
        <translation>定向推广计划自 %1 起不再包含你</translation>
    </message>
    <message>
        <location filename="../workbench/ui/channels/listings_health.py" line="+23"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
</context>
<context>
    <name>ListingsBatch</name>
    <message>
        <location filename="../workbench/ui/channels/batch.py" line="+83"/>
        <source>You have no other channel yet: add one above.</source>
        <translation>你还没有其他渠道：请先在上方添加。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Move to channels</source>
        <translation>移到渠道</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy to channels</source>
        <translation>复制到渠道</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The selected listings go to every channel you check, after its last listing; a product already on a channel is left out there.</source>
        <translation>所选商品会放到每个勾选渠道的末尾；渠道上已有的商品会跳过。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Every listing of “%1”, in its order, goes to the channels you check.</source>
        <translation>“%1”的全部商品按原顺序复制到勾选的渠道。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy lineup</source>
        <translation>复制选品清单</translation>
    </message>
</context>
<context>
    <name>ListingsModel</name>
    <message>
        <location filename="../workbench/ui/channels/listings_model.py" line="+63"/>
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
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My rate</source>
        <translation>我的佣金率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per sale</source>
        <translation>每单佣金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+56"/>
        <source>Pinned</source>
        <translation>置顶</translation>
    </message>
    <message>
        <location line="-55"/>
        <location line="+57"/>
        <source>Hidden</source>
        <translation>已隐藏</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom title</source>
        <translation>自定义标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selling points</source>
        <translation>卖点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Health</source>
        <translation>健康</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Live plan</source>
        <translation>计划生效中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan ends within 7 days</source>
        <translation>计划 7 天内结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan not started</source>
        <translation>计划未开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No live plan</source>
        <translation>无生效计划</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Product no longer in the catalogue (%1)</source>
        <translation>商品已不在商品库中（%1）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Filled by the listing health check</source>
        <translation>由商品健康检查填写</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Double-click or F2 to edit</source>
        <translation>双击或按 F2 编辑</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
</context>
<context>
    <name>ListingsView</name>
    <message>
        <location filename="../workbench/ui/channels/listings_view.py" line="+156"/>
        <source>Pin / unpin</source>
        <translation>置顶/取消置顶</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide / show</source>
        <translation>隐藏/显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move to…</source>
        <translation>移到…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy to…</source>
        <translation>复制到…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy lineup to…</source>
        <translation>复制清单到…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the product&apos;s title</source>
        <translation>使用商品标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the schedule</source>
        <translation>清除上架时间</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Listings</source>
        <translation>上架商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a channel above to see and edit its listings.</source>
        <translation>在上方选择一个渠道，查看并编辑它的商品。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading the listings of “%1”…</source>
        <translation>正在读取“%1”的商品…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>“%1”: %n listing(s)</source>
        <translation>
            <numerusform>“%1”：%n 件商品</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” has no listings yet. Place products on it from the selection center, or choose another channel and copy its lineup here (Ctrl+Shift+L).</source>
        <translation>“%1”还没有商品。请在选品中心把商品添加到这个渠道，或选择另一个渠道把它的清单复制过来（Ctrl+Shift+L）。</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Select one or more listings first.</source>
        <translation>请先选择一件或多件商品。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>That channel is gone (deleted meanwhile): nothing was changed.</source>
        <translation>该渠道已不存在（刚被删除）：未做任何更改。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Listing changed.</source>
        <translation>商品已修改。</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Pinned %n listing(s).</source>
        <translation>
            <numerusform>已置顶 %n 件商品。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Unpinned %n listing(s).</source>
        <translation>
            <numerusform>已取消置顶 %n 件商品。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Hid %n listing(s).</source>
        <translation>
            <numerusform>已隐藏 %n 件商品。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Showed %n listing(s).</source>
        <translation>
            <numerusform>已显示 %n 件商品。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n listing(s) show the product&apos;s title.</source>
        <translation>
            <numerusform>%n 件商品改为显示商品标题。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Schedule cleared on %n listing(s).</source>
        <translation>
            <numerusform>已清除 %n 件商品的上架时间。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Removed %n listing(s) (Ctrl+Z puts them back).</source>
        <translation>
            <numerusform>已移除 %n 件商品（按 Ctrl+Z 可恢复）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <location line="+83"/>
        <source>Moved %n listing(s).</source>
        <translation>
            <numerusform>已移动 %n 件商品。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-81"/>
        <source>Copied %n listing(s).</source>
        <translation>
            <numerusform>已复制 %n 件商品。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n left out (already there).</source>
        <translation>
            <numerusform>%n 件已在目标渠道，已跳过。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Z undoes it.</source>
        <translation>按 Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Nothing to undo.</source>
        <translation>没有可撤销的操作。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Listing moved.</source>
        <translation>商品已移动。</translation>
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
        <location filename="../workbench/ui/pages/registry.py" line="+87"/>
        <location line="+2"/>
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
        <location line="+2"/>
        <source>Reviews</source>
        <translation>审核</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+5"/>
        <source>Samples</source>
        <translation>样品</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Plans</source>
        <translation>推广计划</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Analytics</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../workbench/ui/main_window.py" line="+210"/>
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
        <location line="+100"/>
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
    <name>MerchantPlansPage</name>
    <message>
        <location filename="../workbench/ui/merchant/plans_page.py" line="+160"/>
        <source>My plans</source>
        <translation>我的计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type (Ctrl+L)</source>
        <translation>类型（Ctrl+L）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New plans… (Ctrl+N)</source>
        <translation>新建计划…（Ctrl+N）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate… (Ctrl+R)</source>
        <translation>佣金率…（Ctrl+R）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creators… (Ctrl+E)</source>
        <translation>达人…（Ctrl+E）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End (Ctrl+Shift+E)</source>
        <translation>结束（Ctrl+Shift+E）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate</source>
        <translation>佣金率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending cut</source>
        <translation>待生效降佣</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>推广期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creators</source>
        <translation>达人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>My plans are a merchant&apos;s page.</source>
        <translation>“我的计划”是商家页面。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading your plans…</source>
        <translation>正在读取你的计划…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No plans here yet. Press Ctrl+N to create plans on up to 20 of your products at once; they show at once and are sent when the server is reachable.</source>
        <translation>还没有计划。按 Ctrl+N 可一次为最多 20 件商品创建计划；创建后立即显示，服务器可连接时自动发送。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 on %2</source>
        <translation>%2 起 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pending sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Synced</source>
        <translation>已同步</translation>
    </message>
    <message numerus="yes">
        <location line="+42"/>
        <source>%n plan(s) created: they are sent when the server is reachable.</source>
        <translation>
            <numerusform>已创建 %n 个计划：服务器可连接时自动发送。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cut to %1 queued: expected to apply on %2 if a creator is affected (the server&apos;s notice period).</source>
        <translation>已提交降至 %1：如有达人受影响，预计于 %2 生效（服务器的提前通知期）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rate %1 queued: it applies at once.</source>
        <translation>已提交佣金率 %1：立即生效。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Creators changed.</source>
        <translation>达人已更改。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>End plan</source>
        <translation>结束计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End the plan on “%1” now? Creators stop earning by it.</source>
        <translation>现在结束“%1”的计划？达人将不再因此获得佣金。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Plan ended.</source>
        <translation>计划已结束。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>MerchantTexts</name>
    <message>
        <location filename="../workbench/ui/merchant/texts.py" line="+20"/>
        <source>Showcase</source>
        <translation>橱窗</translation>
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
        <source>Official account</source>
        <translation>公众号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service account</source>
        <translation>服务号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mini program</source>
        <translation>小程序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Community</source>
        <translation>社群</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>General (普通)</source>
        <translation>普通推广</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Targeted (定向)</source>
        <translation>定向推广</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exclusive (专属)</source>
        <translation>专属推广</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expired</source>
        <translation>已到期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starts later</source>
        <translation>待生效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Below admission</source>
        <translation>未达准入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running</source>
        <translation>推广中</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>To review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shipped</source>
        <translation>已寄出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content overdue</source>
        <translation>内容逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>内容已交付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The rate must be a whole percent from 0 to %1 %.</source>
        <translation>佣金率必须是 0 到 %1 % 之间的整数百分比。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The plan must end after it begins.</source>
        <translation>计划的结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most %1 products at once: unselect some.</source>
        <translation>一次最多 %1 件商品：请取消选择一些。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At most %1 creators at once.</source>
        <translation>一次最多 %1 位达人。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A targeted or exclusive plan names at least one creator.</source>
        <translation>定向或专属计划至少要指定一位达人。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A general plan is open to every creator: name no creators.</source>
        <translation>普通计划对所有达人开放：不能指定达人。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A targeted plan needs a live general plan on the product.</source>
        <translation>定向计划需要该商品已有生效的普通计划。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An exclusive plan stands alone: the product has another live plan, or an exclusive one.</source>
        <translation>专属计划不能与其他计划共存：该商品已有其他生效计划或专属计划。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The product already has a live general plan (one per product).</source>
        <translation>该商品已有生效的普通计划（每件商品只能有一个）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose at least one product, each once.</source>
        <translation>请至少选择一件商品，且不要重复。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Say why: a rejection needs a reason.</source>
        <translation>请说明原因：拒绝需要填写理由。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The plan has ended.</source>
        <translation>计划已结束。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Creator …%1</source>
        <translation>带货者 …%1</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <location filename="../workbench/ui/analytics/orders_view.py" line="+18"/>
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
        <location line="+18"/>
        <source>Exporting order lines…</source>
        <translation>正在导出订单明细…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Exported %Ln order line(s) to %1.</source>
        <translation>
            <numerusform>已导出 %Ln 条订单明细到 %1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanDetailPanel</name>
    <message>
        <location filename="../workbench/ui/merchant/plan_detail.py" line="+67"/>
        <source>Creator</source>
        <translation>达人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sold through (带货渠道)</source>
        <translation>带货渠道</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>Sales</source>
        <translation>销售额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Channel kind</source>
        <translation>渠道类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Order lines</source>
        <translation>订单行</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select a plan to see its creators and sales.</source>
        <translation>选择一个计划，查看其达人和销售情况。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1”: creators and sales since the plan began</source>
        <translation>“%1”：计划开始以来的达人与销售</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no sales yet</source>
        <translation>暂无销售</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 in %n order line(s)</source>
        <translation>
            <numerusform>%n 个订单行，共 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not through a channel</source>
        <translation>非渠道成交</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A general plan is open to all: these are the creators who sold it.</source>
        <translation>普通计划对所有达人开放：这里列出卖过该商品的达人。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Which of a creator&apos;s channels list the product is not in your data (the server sends creators&apos; channels only to them): shown are the kinds of channel their orders came through.</source>
        <translation>你的数据中没有达人的哪些渠道上架了该商品（服务器只把渠道信息发给达人本人）：这里显示的是其订单成交的渠道类型。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No sales on this plan yet.</source>
        <translation>这个计划还没有销售。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No creator has sold this product since the plan began.</source>
        <translation>计划开始以来还没有达人卖出这个商品。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No creators on this plan yet: add some with Creators… (Ctrl+E).</source>
        <translation>这个计划还没有达人：用“达人…（Ctrl+E）”添加。</translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <location filename="../workbench/ui/plans/page.py" line="+182"/>
        <source>Promotion plans</source>
        <translation>推广计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plans to apply to are a creator&apos;s page; a merchant&apos;s are under My plans.</source>
        <translation>可申请的推广计划是带货者的页面；商家的计划在“我的计划”中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plans</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My applications</source>
        <translation>我的申请</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+135"/>
        <source>General</source>
        <translation>普通</translation>
    </message>
    <message>
        <location line="-134"/>
        <location line="+135"/>
        <source>Targeted</source>
        <translation>定向</translation>
    </message>
    <message>
        <location line="-134"/>
        <location line="+135"/>
        <source>Exclusive</source>
        <translation>专属</translation>
    </message>
    <message>
        <location line="-132"/>
        <source>On my channels or not</source>
        <translation>全部（是否在我的渠道）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On my channels</source>
        <translation>我的渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not on my channels</source>
        <translation>不在我的渠道</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Best rate first</source>
        <translation>佣金率从高到低</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Best per sale first</source>
        <translation>每单佣金从高到低</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ending soonest first</source>
        <translation>即将结束优先</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Newest first</source>
        <translation>最新开始优先</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rate at least</source>
        <translation>佣金率至少</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ending within 7 days</source>
        <translation>7 天内结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply…</source>
        <translation>申请合作…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terms archive…</source>
        <translation>条款存档…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Apply to the selected plan with your expected rate and a message (Enter, or double-click a row)</source>
        <translation>填写期望佣金率和留言，申请所选计划（按 Enter 或双击一行）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>My rate</source>
        <translation>我的佣金率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per sale</source>
        <translation>每单佣金</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Period</source>
        <translation>推广期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rate change</source>
        <translation>佣金变动</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Invitations for you: %1</source>
        <translation>邀请你的计划：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No invitations waiting</source>
        <translation>暂无待处理的邀请</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 plans</source>
        <translation>%1 个计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 plans</source>
        <translation>%1 / %2 个计划</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reading plans…</source>
        <translation>正在读取计划…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No plans pass these filters. Lower the rate or clear a filter.</source>
        <translation>没有符合筛选条件的计划。调低佣金率或清除一个筛选条件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No plans to apply to yet: merchants&apos; plans arrive with the next sync.</source>
        <translation>还没有可申请的计划：商家的计划会在下次同步时到达。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Running</source>
        <translation>推广中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not started</source>
        <translation>未生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Falls from %1 to %2 on %3</source>
        <translation>%3 起由 %1 降至 %2</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Applied: the merchant will review it (see My applications)</source>
        <translation>已申请：等待商家审核（见“我的申请”）</translation>
    </message>
</context>
<context>
    <name>ProductColumns</name>
    <message>
        <location filename="../workbench/ui/selection/columns.py" line="+43"/>
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
        <location filename="../workbench/ui/selection/model.py" line="+110"/>
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
        <location filename="../workbench/ui/branding.py" line="+58"/>
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
    <name>RateDialog</name>
    <message>
        <location filename="../workbench/ui/merchant/plan_edit_dialogs.py" line="-101"/>
        <source>Change the rate</source>
        <translation>修改佣金率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate now</source>
        <translation>当前佣金率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New rate</source>
        <translation>新佣金率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(falls to %1 on %2)</source>
        <translation>（%2 起降至 %1）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A cut: when a creator lists this product or has applied to the plan, it is expected to apply on %1, after the server&apos;s notice period (%2 days by default, a server rule); creators are told at once. Otherwise it applies at once.</source>
        <translation>降佣：如有达人已上架该商品或申请了该计划，预计于 %1 生效，即服务器的提前通知期之后（默认 %2 天，由服务器规定）；达人会立即收到通知。否则立即生效。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A raise applies at once and drops a pending cut.</source>
        <translation>提高佣金率立即生效，并取消待生效的降佣。</translation>
    </message>
</context>
<context>
    <name>RateHistoryLine</name>
    <message>
        <location filename="../workbench/ui/plans/rate_history.py" line="+68"/>
        <source>Select a plan to see its commission history.</source>
        <translation>选择一个计划以查看其佣金历史。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (seen %2)</source>
        <translation>%1（%2 看到）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 from %2 (announced %3)</source>
        <translation>%2 起 %1（%3 公示）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Commission history: %1</source>
        <translation>佣金历史：%1</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../workbench/ui/merchant/review_dialogs.py" line="+54"/>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Reject %n request(s). The reason is sent to each creator:</source>
        <translation>
            <numerusform>拒绝 %n 个申请。理由会发送给每位达人：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For example: the plan is full this month</source>
        <translation>例如：本月计划名额已满</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject (Ctrl+Enter)</source>
        <translation>拒绝（Ctrl+Enter）</translation>
    </message>
</context>
<context>
    <name>RejectionNotice</name>
    <message>
        <location filename="../workbench/ui/conflicts.py" line="+64"/>
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
    <name>ReplacementsDialog</name>
    <message>
        <location filename="../workbench/ui/channels/replacements.py" line="+112"/>
        <source>Replacements</source>
        <translation>替换建议</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replace “%1” on “%2”</source>
        <translation>替换“%2”上的“%1”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My rate</source>
        <translation>我的佣金率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per sale</source>
        <translation>每单佣金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monthly sales</source>
        <translation>月销量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A month, expected</source>
        <translation>预计月佣金</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not read suggestions: %1</source>
        <translation>无法读取替换建议：%1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Looking for products that could take its place…</source>
        <translation>正在查找可以替换它的商品…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No product of the same category is promotable now with a plan you earn under and not on this channel yet. Remove the listing, or look in the selection center.</source>
        <translation>同一类目下没有当前可推广、有你能拿佣金的生效计划、且不在此渠道上的商品。可以移除这个上架商品，或到选品中心看看。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>This listing is not there any more: nothing was changed.</source>
        <translation>这个上架商品已经不在了：未做任何修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That product is already on this channel: nothing was changed.</source>
        <translation>该商品已在此渠道上：未做任何修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <location filename="../workbench/ui/samples/dialogs.py" line="+39"/>
        <source>Request a sample</source>
        <translation>申请样品</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask the merchant for a sample of “%1”. Once it ships you owe content within 14 days (one 7-day extension). A note for the merchant (optional):</source>
        <translation>向商家申请“%1”的样品。寄出后需在 14 天内交付内容（可延期一次，7 天）。给商家的备注（选填）：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>For example: an unboxing video on my 视频号</source>
        <translation>例如：在我的视频号发开箱视频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request (Ctrl+Enter)</source>
        <translation>申请（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The note is too long: at most %1 characters.</source>
        <translation>备注太长：最多 %1 个字符。</translation>
    </message>
</context>
<context>
    <name>ReviewsPage</name>
    <message>
        <location filename="../workbench/ui/merchant/reviews_page.py" line="+172"/>
        <source>Sample requests</source>
        <translation>样品申请</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applications to review</source>
        <translation>待审核的推广申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show (Ctrl+L)</source>
        <translation>显示（Ctrl+L）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Same plan (Ctrl+1)</source>
        <translation>同计划（Ctrl+1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same product (Ctrl+2)</source>
        <translation>同商品（Ctrl+2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same creator (Ctrl+3)</source>
        <translation>同达人（Ctrl+3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All (Ctrl+0)</source>
        <translation>全部（Ctrl+0）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve (Ctrl+Enter)</source>
        <translation>通过（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject… (Ctrl+Shift+R)</source>
        <translation>拒绝…（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sample cost</source>
        <translation>样品成本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ship… (Ctrl+Shift+S)</source>
        <translation>寄样…（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content due · tracking</source>
        <translation>内容截止 · 运单号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Terms</source>
        <translation>申请佣金率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Creator</source>
        <translation>达人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asked on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channels</source>
        <translation>达人渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>90-day sales</source>
        <translation>近90天销售</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fulfilment</source>
        <translation>履约率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>留言</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Plan on “%1”</source>
        <translation>“%1”的计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product “%1”</source>
        <translation>商品“%1”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only: %1</source>
        <translation>仅显示：%1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Reviews are a merchant&apos;s page.</source>
        <translation>审核是商家页面。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the queue…</source>
        <translation>正在读取队列…</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Nothing waits for you. New requests arrive with each sync; press F5 to sync now, or choose another state above (Ctrl+L).</source>
        <translation>没有待处理的申请。新申请随同步到达；按 F5 立即同步，或在上方选择其他状态（Ctrl+L）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing in this state. Choose another state above (Ctrl+L).</source>
        <translation>此状态下没有记录。请在上方选择其他状态（Ctrl+L）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 · pending sync</source>
        <translation>%1 · 待同步</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>%n order(s) of your products in the last 90 days</source>
        <translation>
            <numerusform>近 90 天你的商品 %n 笔订单</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Content delivered ÷ content due, of their samples with you</source>
        <translation>在你这里领样后：已交付内容 ÷ 应交付内容</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n selected</source>
        <translation>
            <numerusform>已选 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(at most %1 are decided at once)</source>
        <translation>（一次最多处理 %1 条）</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n in the queue. Select rows (Shift/Ctrl+click, Ctrl+A) to decide them together.</source>
        <translation>
            <numerusform>队列中有 %n 条。选择多行（Shift/Ctrl+单击、Ctrl+A）可一起处理。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%n approved.</source>
        <translation>
            <numerusform>已通过 %n 条。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n rejected.</source>
        <translation>
            <numerusform>已拒绝 %n 条。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n shipped.</source>
        <translation>
            <numerusform>已寄出 %n 件。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>SampleRequestAction</name>
    <message>
        <location filename="../workbench/ui/samples/request_action.py" line="+51"/>
        <source>Request sample…</source>
        <translation>申请样品…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Merchants send samples; creators request them.</source>
        <translation>样品由带货者申请、商家寄出。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You already asked for a sample of this product (%1).</source>
        <translation>你已申请过该商品的样品（%1）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The product is not on sale now: no sample can be requested.</source>
        <translation>该商品当前不在售，无法申请样品。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ask the merchant for a sample; content is due 14 days after it ships.</source>
        <translation>向商家申请样品；寄出后 14 天内需交付内容。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sample requested: the merchant will review it.</source>
        <translation>已申请样品：等待商家审核。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>You already asked for a sample of this product.</source>
        <translation>你已申请过该商品的样品。</translation>
    </message>
</context>
<context>
    <name>SampleTexts</name>
    <message>
        <location filename="../workbench/ui/samples/texts.py" line="-37"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs action</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requested</source>
        <translation>已申请</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shipped</source>
        <translation>已寄出</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overdue</source>
        <translation>内容逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>已交付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>It has shipped: a shipped sample cannot be cancelled.</source>
        <translation>样品已寄出：寄出后不能取消。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The merchant rejected it: there is nothing to cancel.</source>
        <translation>商家已拒绝：无需取消。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is already cancelled.</source>
        <translation>已经取消了。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The content link is already handed in.</source>
        <translation>内容链接已提交。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content is owed once the sample has shipped.</source>
        <translation>样品寄出后才需交付内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The one extension (7 days) is already used.</source>
        <translation>唯一一次延期（7 天）已用过。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The merchant has marked the content overdue: hand in the link instead.</source>
        <translation>商家已将内容标为逾期：请直接提交链接。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An extension is for content that is due (a shipped sample).</source>
        <translation>只有待交付内容（已寄出的样品）才能延期。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not possible in the sample&apos;s current state.</source>
        <translation>样品当前状态下无法进行此操作。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The merchant has already decided on it.</source>
        <translation>商家已作出决定。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The product is not on sale now (delisted or sale forbidden).</source>
        <translation>该商品当前不在售（已下架或禁售）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server could not accept these values.</source>
        <translation>服务器无法接受这些值。</translation>
    </message>
</context>
<context>
    <name>SamplesPage</name>
    <message>
        <location filename="../workbench/ui/samples/page.py" line="+174"/>
        <source>Samples</source>
        <translation>样品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Content due soonest first</source>
        <translation>内容截止最近的在前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Newest request first</source>
        <translation>最新申请在前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Best return first</source>
        <translation>回报最高的在前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel request</source>
        <translation>取消申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hand in content…</source>
        <translation>提交内容…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask for 7 more days</source>
        <translation>申请延期 7 天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tracking no.</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Content due</source>
        <translation>内容截止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Asked → shipped</source>
        <translation>申请 → 寄出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sales</source>
        <translation>到货后销售额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commission</source>
        <translation>预估佣金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return</source>
        <translation>回报</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Fulfilment rate: — (no content has come due yet)</source>
        <translation>履约率：—（还没有到期的内容）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fulfilment rate: %1% — content handed in for %2 of %3 samples due</source>
        <translation>履约率：%1% — 到期的 %3 个样品中已交付 %2 个</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n need(s) content within %1 days or are late</source>
        <translation>
            <numerusform>%n 个需在 %1 天内交付内容或已逾期</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Samples is a creator&apos;s page.</source>
        <translation>样品是带货者的页面。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading your samples…</source>
        <translation>正在读取你的样品…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No samples here. Request one from a product&apos;s details in the selection center, or choose another state above.</source>
        <translation>这里没有样品。可在选品中心的商品详情里申请，或在上方选择其他状态。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 · pending sync</source>
        <translation>%1 · 待同步</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Requested %1 · shipped %2</source>
        <translation>%1 申请 · %2 寄出</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(extended once)</source>
        <translation>（已延期一次）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due %1</source>
        <translation>截止 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n order(s) of this product on your channels since the sample shipped on %1</source>
        <translation>
            <numerusform>自 %1 样品寄出以来，该商品在你的渠道上有 %n 笔订单</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sales since it arrived ÷ the sample&apos;s cost</source>
        <translation>到货后销售额 ÷ 样品成本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting to reach the server</source>
        <translation>等待发送到服务器</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>My note: %1</source>
        <translation>我的备注：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merchant&apos;s reason: %1</source>
        <translation>商家理由：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Content: %1</source>
        <translation>内容：%1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Select a sample first.</source>
        <translation>请先选择一个样品。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Request cancelled.</source>
        <translation>申请已取消。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Extension asked: the content is due 7 days later.</source>
        <translation>已申请延期：内容截止日推后 7 天。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Content handed in: thank you.</source>
        <translation>内容已提交，谢谢。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>SavedFilterActions</name>
    <message>
        <location filename="../workbench/ui/selection/saved_filter_actions.py" line="+31"/>
        <source>Open an account to save filters.</source>
        <translation>请先打开账号再保存筛选。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Filter &quot;%1&quot; saved.</source>
        <translation>筛选“%1”已保存。</translation>
    </message>
    <message>
        <location line="+6"/>
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
    <name>Section</name>
    <message>
        <location filename="../workbench/ui/analytics/dashboard.py" line="-317"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
</context>
<context>
    <name>SelectionPage</name>
    <message>
        <location filename="../workbench/ui/selection/page.py" line="+220"/>
        <source>Selection center</source>
        <translation>选品中心</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>↺ Best matches first</source>
        <translation>↺ 最佳匹配优先</translation>
    </message>
    <message>
        <location line="+159"/>
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
        <location line="+24"/>
        <source>The list changed, so the selection was cleared.</source>
        <translation>列表已变化，已清除选择。</translation>
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
<context>
    <name>ShipDialog</name>
    <message>
        <location filename="../workbench/ui/merchant/review_dialogs.py" line="+47"/>
        <source>Ship samples</source>
        <translation>寄出样品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the tracking number of each sample (the creator sees it):</source>
        <translation>请填写每件样品的运单号（达人可以看到）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Creator</source>
        <translation>达人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tracking number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ship (Ctrl+Enter)</source>
        <translation>寄出（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Every sample needs its tracking number.</source>
        <translation>每件样品都需要填写运单号。</translation>
    </message>
</context>
<context>
    <name>TermsArchiveDialog</name>
    <message>
        <location filename="../workbench/ui/plans/archive_view.py" line="+213"/>
        <source>Could not verify: %1</source>
        <translation>无法校验：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+163"/>
        <source>Terms archive</source>
        <translation>条款存档</translation>
    </message>
    <message>
        <location line="-160"/>
        <source>Every version of the terms you applied under, were approved under or were notified of, kept on this computer beside your cache and never rewritten. Each record is chained to the one before it by its hash, so a later edit of the file shows.</source>
        <translation>你申请时、获批时和收到降佣通知时的每一版条款，都保存在这台电脑上（缓存旁边），从不改写。每条记录用哈希与前一条相连，事后改动文件即可被发现。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>By plan</source>
        <translation>按计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By merchant</source>
        <translation>按商家</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My rate</source>
        <translation>我的佣金率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cut under notice</source>
        <translation>公示中的降佣</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Period</source>
        <translation>推广期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seen at</source>
        <translation>看到时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Applied under</source>
        <translation>申请时条款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved under</source>
        <translation>获批时条款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notified of a cut</source>
        <translation>降佣通知</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 from %2</source>
        <translation>%2 起 %1</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Reading the archive…</source>
        <translation>正在读取存档…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The archive is empty: apply to a plan to start it.</source>
        <translation>存档还是空的：申请一个计划后开始记录。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Intact (%1 records): no record was changed, removed or put in.</source>
        <translation>完好（%1 条记录）：没有记录被改动、删除或插入。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Record %1 was changed (plan %2, seen at %3).</source>
        <translation>第 %1 条记录被改动过（计划 %2，看到于 %3）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The chain breaks at record %1: a record before it was removed or put in (plan %2, seen at %3).</source>
        <translation>哈希链在第 %1 条记录处断开：它之前有记录被删除或插入（计划 %2，看到于 %3）。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
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
        <location line="+11"/>
        <source>Hashes: SHA-256, each over the previous hash and the record.</source>
        <translation>哈希：SHA-256，每条由前一条的哈希与本条记录计算。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hash</source>
        <translation>哈希</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Wrote %1 records to %2</source>
        <translation>已将 %1 条记录写入 %2</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <location filename="../workbench/ui/plans/timeline.py" line="+91"/>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List on channels…</source>
        <translation>上架到渠道…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select an application to see its timeline.</source>
        <translation>选择一条申请，查看它的进度。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>进度</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>On my channels: %1</source>
        <translation>已在我的渠道：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not on any of my channels yet.</source>
        <translation>还没有上架到我的任何渠道。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Product not in the cache</source>
        <translation>商品不在本地缓存中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · %2 · applied under %3</source>
        <translation>%1 · %2 · 申请时佣金率 %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>My message: %1</source>
        <translation>我的留言：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No message.</source>
        <translation>没有留言。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Withdraw this application: the merchant no longer reviews it.</source>
        <translation>撤回这条申请：商家将不再审核。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only an application waiting for the merchant can be withdrawn.</source>
        <translation>只有待商家审核的申请可以撤回。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Place the product on the channels you choose.</source>
        <translation>把商品上架到你选择的渠道。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Listing from here opens once the merchant approves.</source>
        <translation>商家通过后才能从这里上架。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Applied</source>
        <translation>已申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved by the merchant</source>
        <translation>商家已通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected by the merchant</source>
        <translation>商家已拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 — waiting to be sent</source>
        <translation>%1 — 等待发送</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for the merchant&apos;s decision.</source>
        <translation>等待商家审核。</translation>
    </message>
</context>
<context>
    <name>UpgradeBanner</name>
    <message>
        <location filename="../workbench/ui/channels/upgrade_banner.py" line="+112"/>
        <source>Upgrade queued: every channel kind opens now, and the server confirms it at the next sync.</source>
        <translation>升级已加入待同步：所有渠道类型现已开放，服务器会在下次同步时确认。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Upgrade to 微信小店带货者</source>
        <translation>升级为微信小店带货者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upgrade to 微信小店带货者: waiting for the server (pending sync)</source>
        <translation>升级为微信小店带货者：等待服务器确认（待同步）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You sell as a 视频号带货者: only 视频号 channels (showcase, live, short video). After the upgrade every channel kind opens: 公众号, 服务号, 小程序 and 社群. Your account, its id and everything it has stay as they are.</source>
        <translation>你目前是视频号带货者：只能使用视频号渠道（橱窗、直播、短视频）。升级后所有渠道类型都会开放：公众号、服务号、小程序和社群。你的账号、账号 ID 及其所有数据都保持不变。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pending sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Upgrade (Ctrl+Shift+U)</source>
        <translation>升级 (Ctrl+Shift+U)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sent when the server can be reached; works offline.</source>
        <translation>连上服务器时发送；离线也可操作。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upgrade this account to 微信小店带货者</source>
        <translation>将此账号升级为微信小店带货者</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Carried over whole: 橱窗商品, orders, the 保证金 deposit and the 结算 settlement records. No second deposit is paid.</source>
        <translation>完整保留：橱窗商品、订单、保证金和结算记录。无需再缴一次保证金。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no 保证金 deposit</source>
        <translation>无保证金</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Carried over whole: 保证金 deposit %1, %n month(s) of 结算 settlements</source>
        <translation>
            <numerusform>完整保留：保证金 %1、%n 个月的结算记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>, %n 橱窗商品 listing(s)</source>
        <translation>
            <numerusform>、%n 件橱窗商品</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source> and %n order(s). No second deposit is paid.</source>
        <translation>
            <numerusform>和 %n 笔订单。无需再缴一次保证金。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowModel</name>
    <message>
        <location filename="../workbench/ui/window_model.py" line="+241"/>
        <source>No account is open.</source>
        <translation>未打开账号。</translation>
    </message>
</context>
</TS>
