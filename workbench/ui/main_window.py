"""The main window: navigation rail, pages, account bar, sync status and the offline banner.

It shows what the controllers report and forwards what the user asks; the work itself runs on
the lanes. The rail lists the pages of the page registry (``ui/pages/registry.py``) that the
open account's role and identity may see; a page is built on its first visit (and the first one
only after the window's first frame is on screen). Window size, position and the last page are
restored on start.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.demo import DEMO_LOGINS
from workbench.settings import Settings
from workbench.sync.progress import SyncSummary
from workbench.ui.accounts import AccountManager, AccountRef
from workbench.ui.branding import rail, set_page_icons
from workbench.ui.cache_notices import problem_text, recovery_text
from workbench.ui.conflicts import RejectionNotice
from workbench.ui.conflicts_inbox import ConflictsInbox, open_target
from workbench.ui.pages.registry import Audience, PageHost, pages_for, registry, title
from workbench.ui.plans.alerts import install as install_alerts
from workbench.ui.plans.archive import ArchiveKeeper
from workbench.ui.sync_controller import SyncController
from workbench.ui.widgets import ClickableLabel, number

if TYPE_CHECKING:
    from workbench.store.changed import Changed
    from workbench.sync.session import AccountSession
    from workbench.ui.pages.settings_page import SettingsPage
    from workbench.ui.selection.page import SelectionPage


class MainWindow(QMainWindow):
    """The workbench window."""

    pageChanged = Signal(str)
    selectionReady = Signal(object)  # the SelectionPage, once built

    def __init__(
        self, settings: Settings, controller: SyncController, accounts: AccountManager
    ) -> None:
        super().__init__()
        self.settings = settings
        self.controller = controller
        self.accounts = accounts
        self.conflicts_dialog: ConflictsInbox | None = None
        self.audience = Audience()
        self.host = PageHost(settings, controller)
        self.specs = {spec.id: spec for spec in registry()}
        self.page_widgets: dict[str, QWidget] = {}  # built so far
        self.rail_counts: dict[str, int] = {}  # the rail's counts (PageSpec.count)
        self._exposed = False  # the first page is built after the window's first frame
        self._wanted = "selection"
        self.setObjectName("mainWindow")
        self.resize(1200, 780)
        self._build_toolbar()
        self._build_body()
        self._build_status()
        controller.stateChanged.connect(self.show_state)
        controller.progressed.connect(self.show_progress)
        controller.statusChanged.connect(self.show_status)
        controller.synced.connect(self._synced)
        controller.rejected.connect(self.rejection.show_rejections)
        controller.sessionChanged.connect(lambda _s: self.rejection.clear())
        controller.sessionChanged.connect(self._session_changed)
        controller.changed.connect(self._count_changes)
        accounts.status.connect(self._account_status)
        accounts.failed.connect(lambda _ref, _exc: self.show_state(self.controller.state))
        self.terms_archive = ArchiveKeeper(controller)  # evidence beside the cache, after syncs
        self.cut_alerts = install_alerts(self)  # the bell: commission cuts that touch me
        self.show_state(controller.state)
        self.retranslate()
        self.restore()

    # --- building --------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar()
        bar.setObjectName("accountBar")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.account_label = QLabel()
        self.account_box = QComboBox()
        self.account_box.setObjectName("accountBox")
        self.account_box.setMinimumContentsLength(24)
        self.account_box.activated.connect(self._switch_selected)
        bar.addWidget(self.account_label)
        bar.addWidget(self.account_box)
        self.demo_switch = QAction(self)  # to the demo merchant, or back to the demo creator
        self.demo_switch.setObjectName("switchDemoAccount")
        self.add_account = QAction(self)
        self.logout = QAction(self)
        self.sync_action = QAction(self)
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.sync_action.triggered.connect(self.controller.sync_now)
        self.about_action = QAction(self)  # Workbench opens the About dialog
        self.about_action.setObjectName("about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        for action in (self.demo_switch, self.add_account, self.logout, self.sync_action,
                       self.about_action):  # fmt: skip
            bar.addAction(action)
        self.addAction(self.sync_action)

    def _build_body(self) -> None:
        self.banner = QFrame()
        self.banner.setObjectName("offlineBanner")
        self.banner.setStyleSheet("#offlineBanner { background: #fff3cd; color: #5c4400; }")
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(12, 6, 12, 6)
        banner_layout.addWidget(self.banner_text)
        self.banner.hide()
        self._build_notice()
        self.rejection = RejectionNotice()
        self.rejection.showRequested.connect(self.open_conflicts)

        self.setup = QFrame()
        self.setup.setObjectName("setupPanel")
        self.setup_text = QLabel()
        self.setup_bar = QProgressBar()
        self.setup_bar.setTextVisible(True)
        setup_layout = QVBoxLayout(self.setup)
        setup_layout.setContentsMargins(12, 8, 12, 8)
        setup_layout.addWidget(self.setup_text)
        setup_layout.addWidget(self.setup_bar)
        self.setup.hide()

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(196)
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._style_nav()
        self.pages = QStackedWidget()
        self.placeholder = QWidget()  # until the first page is built
        self.pages.addWidget(self.placeholder)
        self._fill_nav()
        self.nav.currentRowChanged.connect(self._page_selected)

        middle = QWidget()
        row = QHBoxLayout(middle)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(rail(self.nav))
        row.addWidget(self.pages, 1)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.notice)
        column.addWidget(self.rejection)
        column.addWidget(self.setup)
        column.addWidget(middle, 1)
        self.setCentralWidget(central)

    def _build_notice(self) -> None:
        # About the cache file itself (a full disk, a damaged file rebuilt): stays until closed.
        self.notice = QFrame()
        self.notice.setObjectName("cacheNotice")
        self.notice.setStyleSheet("#cacheNotice { background: #f8d7da; color: #58151c; }")
        self.notice_text = QLabel()
        self.notice_text.setObjectName("cacheNoticeText")
        self.notice_text.setWordWrap(True)
        self.notice_close = QToolButton()
        self.notice_close.setText("×")
        self.notice_close.setAutoRaise(True)
        self.notice_close.clicked.connect(self.notice.hide)
        row = QHBoxLayout(self.notice)
        row.setContentsMargins(12, 6, 6, 6)
        row.addWidget(self.notice_text, 1)
        row.addWidget(self.notice_close, 0, Qt.AlignmentFlag.AlignTop)
        self.notice.hide()
        self._notice_about: object = None
        self.controller.cacheProblem.connect(self.show_cache_notice)

    def show_cache_notice(self, about: object) -> None:
        """Say (translated, not modal) what happened to the cache: ``about`` is a Recovery,
        or a full disk or damaged file error."""
        from workbench.store.recovery import Recovery

        self._notice_about = about
        if isinstance(about, Recovery):
            text = recovery_text(about)
        elif isinstance(about, BaseException):
            text = problem_text(about) or str(about)
        else:
            return
        self.notice_text.setText(text)
        self.notice_close.setToolTip(self.tr("Close this message"))
        self.notice.show()

    def page(self, page_id: str) -> QWidget:
        """The page ``page_id``, built now if it was not yet (its first visit)."""
        widget = self.page_widgets.get(page_id)
        if widget is None:
            widget = self.specs[page_id].factory(self.host)
            self.page_widgets[page_id] = widget
            self.pages.addWidget(widget)
            if page_id == "selection":
                self.selectionReady.emit(widget)
        return widget

    @property
    def selection_page(self) -> SelectionPage | None:
        return self.page_widgets.get("selection")  # type: ignore[return-value]

    @property
    def settings_page(self) -> SettingsPage:
        return self.page("settings")  # type: ignore[return-value]

    def ensure_selection_page(self) -> SelectionPage:
        """The selection page, built now if the event loop has not built it yet."""
        return self.page("selection")  # type: ignore[return-value]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        handle = self.windowHandle()
        if not self._exposed and handle is not None:
            handle.installEventFilter(self)  # build the page after the first expose
            QTimer.singleShot(1_000, self._first_frame)  # never exposed (minimised): anyway

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and watched is self.windowHandle():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._first_frame)
        return False

    def _first_frame(self) -> None:
        # Importing and building the first page took half of the start-up: the window is on
        # screen before it is built.
        if not self._exposed:
            self._exposed = True
            self._show(self._wanted)

    def _build_status(self) -> None:
        status = self.statusBar()
        self.state_label = QLabel()
        self.state_label.setObjectName("syncState")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pendingEdits")
        self.conflict_label = ClickableLabel()
        self.conflict_label.clicked.connect(self.open_conflicts)
        self.conflict_label.setObjectName("openConflicts")
        self.last_sync_label = QLabel()
        self.last_sync_label.setObjectName("lastSync")
        for widget in (self.state_label, self.progress):
            status.addWidget(widget)
        for widget in (self.pending_label, self.conflict_label, self.last_sync_label):
            widget.setContentsMargins(12, 0, 12, 0)
            status.addPermanentWidget(widget)

    def _style_nav(self) -> None:
        # palette() in a style sheet is resolved when it is set: set it again on a theme change.
        self.nav.setStyleSheet(
            "#navigation { font-size: 15px; padding-top: 8px; }"
            "#navigation::item { padding: 10px 14px; border-radius: 6px; margin: 2px 8px; }"
            "#navigation::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
        )

    # --- language and theme ------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._style_nav()
            self.rejection.restyle()
            set_page_icons(self.nav)
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Shop Workbench"))
        self.account_label.setText(self.tr("Account:") + " ")
        if self.audience.creator:
            self.demo_switch.setText(self.tr("Switch to the demo merchant"))
        else:
            self.demo_switch.setText(self.tr("Switch to the demo creator"))
        self.add_account.setText(self.tr("Add account…"))
        self.logout.setText(self.tr("Log out"))
        self.sync_action.setText(self.tr("Sync now (F5)"))
        self.conflict_label.setToolTip(self.tr("Show the edits the server refused"))
        self.account_box.setPlaceholderText(self.tr("Not signed in"))
        self.about_action.setText(self.tr("About…"))
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            item.setText(self._rail_text(str(item.data(Qt.ItemDataRole.UserRole))))
        self.banner_text.setText(
            self.tr(
                "Offline: the server cannot be reached. Everything you have here stays usable; your edits are kept and sent when the server is back."
            )
        )
        self.show_state(self.controller.state)
        self.show_status(self.controller.last_status)
        if self.notice.isVisible():
            self.show_cache_notice(self._notice_about)
        self._fill_accounts()

    # --- pages -------------------------------------------------------------------------------
    def visible_pages(self) -> list[str]:
        """The ids in the rail, in order."""
        return [self.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.nav.count())]

    def select_page(self, page_id: str) -> None:
        """Go to ``page_id`` (the first page of the rail if this account does not see it)."""
        shown = self.visible_pages()
        self.nav.setCurrentRow(shown.index(page_id) if page_id in shown else 0)

    @property
    def current_page(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else self._wanted

    def _page_selected(self, row: int) -> None:
        if row < 0:
            return
        page_id = str(self.nav.item(row).data(Qt.ItemDataRole.UserRole))
        self._show(page_id)
        self.settings.set("last_page", page_id)
        self.pageChanged.emit(page_id)

    def _show(self, page_id: str) -> None:
        self._wanted = page_id
        if self._exposed:
            self.pages.setCurrentWidget(self.page(page_id))

    def _fill_nav(self) -> None:
        """The rail for the current audience; the current page stays if it can see it."""
        current = self._wanted
        self.nav.blockSignals(True)
        self.nav.clear()
        for spec in pages_for(self.audience):
            item = QListWidgetItem(self._rail_text(spec.id))
            item.setData(Qt.ItemDataRole.UserRole, spec.id)
            self.nav.addItem(item)
        set_page_icons(self.nav)
        self.nav.blockSignals(False)
        self.select_page(current)

    def set_audience(self, audience: Audience) -> None:
        """The open account's role or identity changed: its rail, its demo switch."""
        if audience == self.audience:
            return
        self.audience = audience
        self._fill_nav()
        self.retranslate()

    def _session_changed(self, session: AccountSession | None) -> None:
        self.rail_counts.clear()
        if session is not None:
            self.set_audience(Audience.of(session.account))
        self.refresh_counts()

    # --- the rail's counts ---------------------------------------------------------------------
    def _rail_text(self, page_id: str) -> str:
        name = title(page_id, self.audience.role)
        count = self.rail_counts.get(page_id)
        return f"{name} ({count:,})" if count else name

    def refresh_counts(self, page_ids: set[str] | None = None) -> None:
        """Read the counts of the rail's pages that have one (background lane)."""
        for spec in pages_for(self.audience):
            if spec.count is None or (page_ids is not None and spec.id not in page_ids):
                continue

            def show(count: int, page_id: str = spec.id) -> None:
                self.rail_counts[page_id] = count
                for row in range(self.nav.count()):
                    item = self.nav.item(row)
                    if item.data(Qt.ItemDataRole.UserRole) == page_id:
                        item.setText(self._rail_text(page_id))

            self.controller.reader.background(spec.count, show)

    def _count_changes(self, changed: Changed) -> None:
        touched = {
            spec.id for spec in pages_for(self.audience)
            if spec.count is not None and changed.touches(spec.count_of)
        }  # fmt: skip
        if touched:
            self.refresh_counts(touched)

    def demo_switch_target(self) -> str:
        """The demo login the demo switch opens: the merchant for a creator, and back."""
        return DEMO_LOGINS["merchant" if self.audience.creator else "creator"]

    # --- sync state ----------------------------------------------------------------------------
    def show_state(self, state: str) -> None:
        texts = {
            "syncing": self.tr("Syncing…"),
            "online": self.tr("Online"),
            "offline": self.tr("Offline"),
            "login": self.tr("Login needed"),
        }
        since = self.controller.offline_since
        if state == "offline" and since is not None:
            texts["offline"] = self.tr("Offline since %1").replace("%1", since.strftime("%H:%M"))
        self.state_label.setText(texts.get(state, state))
        self.banner.setVisible(state == "offline" and self.controller.session is not None)
        if state != "syncing":
            self.progress.hide()
            self.setup.hide()

    def show_progress(self, phase: str, done: int, total: int) -> None:
        self.progress.show()
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)
        if phase in ("snapshot", "indexing"):
            # The first catalogue load: say so above the pages, which stay usable meanwhile.
            self.setup.show()
            if phase == "snapshot":
                text = self.tr(
                    "Preparing your workbench: downloading the product catalogue (%1 of %2)…"
                )
            else:
                text = self.tr(
                    "Preparing keyword search (%1 of %2 products); browsing and filters already work."
                )
            self.setup_text.setText(
                text.replace("%1", number(done)).replace("%2", number(max(total, 0)))
            )
            self.setup_bar.setRange(0, max(total, 1))
            self.setup_bar.setValue(min(done, max(total, 1)))

    def show_status(self, status: dict[str, Any]) -> None:
        if not status:
            self.pending_label.setText("")
            self.conflict_label.setText("")
            self.last_sync_label.setText("")
            return
        self.pending_label.setText(
            self.tr("Pending edits: %1").replace("%1", str(status.get("pending", 0)))
        )
        self.conflict_label.setText(
            self.tr("Conflicts: %1").replace("%1", str(status.get("conflicts", 0)))
        )
        times = [
            s.get("last_ok_at") for s in status.get("scopes", {}).values() if s.get("last_ok_at")
        ]
        if times:
            when = datetime.fromisoformat(min(times).replace("Z", "+00:00")).astimezone()
            self.last_sync_label.setText(
                self.tr("Last sync: %1").replace("%1", when.strftime("%H:%M:%S"))
            )
        else:
            self.last_sync_label.setText(self.tr("Never synced"))

    def _synced(self, _summary: SyncSummary) -> None:
        self.setup.hide()

    def _account_status(self, what: str) -> None:
        if what == "seeding":
            self.setup.show()
            self.setup_text.setText(self.tr("First run: preparing the demo data…"))
            self.setup_bar.setRange(0, 0)
        elif what == "opening":
            self.state_label.setText(self.tr("Connecting…"))

    # --- accounts ------------------------------------------------------------------------------
    def _fill_accounts(self) -> None:
        self.account_box.blockSignals(True)
        self.account_box.clear()
        current = self.accounts.current
        for ref in self.accounts.known():
            server = self.tr("demo server") if ref.embedded else ref.server
            self.account_box.addItem(f"{ref.login} @ {server}", ref.key)
            if (
                current is not None
                and current.login == ref.login
                and current.embedded == ref.embedded
                and (current.embedded or current.server == ref.server)
            ):
                self.account_box.setCurrentIndex(self.account_box.count() - 1)
        if current is None:
            self.account_box.setCurrentIndex(-1)  # the placeholder: no account is open
        self.account_box.blockSignals(False)
        self.demo_switch.setVisible(current is None or current.embedded)

    def refresh_accounts(self) -> None:
        self._fill_accounts()

    def _switch_selected(self, index: int) -> None:
        ref = AccountRef.from_key(self.account_box.itemData(index))
        if ref is not None:
            self.accountRequested.emit(ref)

    accountRequested = Signal(object)

    def open_conflicts(self) -> None:
        """The conflicts inbox: every refused or conflicting edit (non-modal; one at a time)."""
        if self.controller.session is None:
            return
        if self.conflicts_dialog is not None and self.conflicts_dialog.isVisible():
            self.conflicts_dialog.raise_()
            return
        dialog = ConflictsInbox(self.controller, self)
        dialog.openRequested.connect(lambda kind, row_id: open_target(self, kind, row_id))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _o=None: setattr(self, "conflicts_dialog", None))
        self.conflicts_dialog = dialog
        dialog.show()

    # --- geometry ------------------------------------------------------------------------------
    def restore(self) -> None:
        geometry = self.settings.get("window_geometry")
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))
        state = self.settings.get("window_state")
        if state:
            self.restoreState(QByteArray.fromBase64(state.encode()))
        self.select_page(self.settings.get("last_page"))

    def shutdown_pages(self) -> None:
        """Stop the pages' own work (exports, thumbnails) before the lanes are stopped."""
        for widget in self.page_widgets.values():
            stop = getattr(widget, "shutdown", None)
            if stop is not None:
                stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.selection_page is not None:
            self.selection_page.remember()
        self.settings.set("window_geometry", bytes(self.saveGeometry().toBase64().data()).decode())
        self.settings.set("window_state", bytes(self.saveState().toBase64().data()).decode())
        self.settings.save()
        super().closeEvent(event)
