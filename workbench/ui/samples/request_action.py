"""The selection center's "Request sample…" (样品申请): a button in the detail panel that follows
the product it shows.

Offered to creators only (a merchant, who sends samples, does not see it: the selection page
hides it with the other creator actions), and only while a request can succeed: disabled, the
reason its tooltip, for a product not on sale (the server would refuse it) and for one I
already have a running request of (its state said). Whether a request runs is read
from ``store/samples.py`` on the interactive lane when the panel shows a product and when a
change touches samples. The request itself (an optional note) goes through the outbox, so it
works offline; a refusal is said in the still-open dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton

from workbench.core.errors import DomainError
from workbench.store import samples as store
from workbench.ui.samples.dialogs import RequestDialog
from workbench.ui.samples.texts import refused_text, state_name

if TYPE_CHECKING:
    from workbench.store.changed import Changed
    from workbench.ui.selection.page import SelectionPage

CAUSE = "selection"


class SampleRequestAction(QObject):
    """The detail panel's "Request sample…" button and its dialog."""

    def __init__(self, page: SelectionPage) -> None:
        super().__init__(page)
        self.page = page
        self.product_id: str | None = None
        self.state: store.RequestState | None = None
        self.dialog: RequestDialog | None = None
        self.button = QPushButton()
        self.button.setObjectName("requestSample")
        self.button.clicked.connect(self.ask)
        page.detail.buttons.addWidget(self.button)
        page.detail.shown.connect(self.follow)
        page.controller.changed.connect(self._changed)
        page.controller.sessionChanged.connect(lambda _s: self._close())
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(self.tr("Request sample…"))
        self._show()

    def follow(self, product_id: str) -> None:
        """The panel shows ``product_id``: read whether a request of it may be made."""
        if product_id != self.product_id:
            self.state = None
            self.product_id = product_id
        self._show()
        if not self.page.audience.creator:
            return

        def done(state: store.RequestState) -> None:
            if product_id == self.product_id:
                self.state = state
                self._show()

        self.page.reader.interactive(lambda cache: store.request_state(cache, product_id), done)

    def _changed(self, changed: Changed) -> None:
        if self.product_id is not None and changed.touches(("sample", "product")):
            self.follow(self.product_id)

    def blocked(self) -> str | None:
        """Why no request can be made now (None: it can)."""
        if not self.page.audience.creator:
            return self.tr("Merchants send samples; creators request them.")
        state = self.state
        if state is None:
            return self.tr("Checking…")
        if state.open_status is not None:
            return self.tr("You already asked for a sample of this product (%1).").replace(
                "%1", state_name(state.open_status)
            )
        if not state.product_listed:
            return self.tr("The product is not on sale now: no sample can be requested.")
        return None

    def _show(self) -> None:
        why = self.blocked()
        self.button.setEnabled(why is None)
        self.button.setToolTip(
            why or self.tr("Ask the merchant for a sample; content is due 14 days after it ships.")
        )

    def ask(self) -> None:
        detail = self.page.detail.detail
        if detail is None or self.blocked() is not None:
            return
        product_id, title = str(detail.row["id"]), str(detail.row["title"])
        dialog = RequestDialog(title, self.page)
        dialog.submitted.connect(lambda note: self.request(dialog, product_id, note))
        self.dialog = dialog
        dialog.open()

    def request(self, dialog: RequestDialog, product_id: str, note: str) -> None:
        def done(_sample_id: Any) -> None:
            dialog.accept()
            self.page.show_message(
                lambda: self.tr("Sample requested: the merchant will review it.")
            )

        def failed(exc: BaseException) -> None:
            code = exc.code.value if isinstance(exc, DomainError) else None
            if code == "invalid_transition":  # store.request: one running request a product
                dialog.show_error(self.tr("You already asked for a sample of this product."))
            else:
                dialog.show_error(refused_text(code, str(exc)))

        self.page.controller.edit_with(
            lambda cache: store.request(cache, product_id, note), done, failed, cause=CAUSE
        )

    def _close(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()
            self.dialog = None
        self.product_id, self.state = None, None
        self._show()
