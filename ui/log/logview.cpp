#include "log/logview.h"
#include "ui_logview.h"

#include "log/chatitemdelegate.h"
#include "log/logfiltermodel.h"
#include "log/logitemdelegate.h"
#include "log/logmodel.h"
#include "log/sequencediagram.h"
#include "log/sessionlog.h"
#include "text/payloadcodec.h"
#include "widgets/emptyhint.h"
#include "widgets/fixedrows.h"
#include "widgets/keyedcombo.h"
#include "widgets/palette.h"
#include "text/pluralcount.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QLocale>
#include <QScrollBar>

LogView::LogView(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::LogView>())
    , m_filter(new LogFilterModel(this))
{
    m_ui->setupUi(this);
    // Where the log shares its width (the server's clients beside it), the filter keeps room
    // for a word or two and the encoding's list its shortest name; the list opens wide. (Follow
    // sits in the footer, beside the newest rows it keeps in view, which leaves the toolbar
    // room for the three views.)
    const int digit = fontMetrics().horizontalAdvance(u'0');
    m_ui->filterEdit->setMinimumWidth(16 * digit);
    m_ui->encodingCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_ui->encodingCombo->setMinimumContentsLength(7);
    m_ui->encodingCombo->setIconSize({ 0, 0 }); // its names have no icons to keep room for
    setUpFilter();
    setUpTable();
    setUpChat();
    setUpDiagram();
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 1);
    connectView(m_ui->table);
    connectView(m_ui->chatList);
    connectView(m_ui->diagram);
    connect(m_ui->copyButton, &QToolButton::clicked, this, &LogView::copySelection);
    connect(m_ui->clearButton, &QToolButton::clicked, this, &LogView::clear);
    connect(m_ui->filterEdit, &QLineEdit::textChanged, this, &LogView::applyFilter);
    connect(m_ui->filterModeCombo, &QComboBox::currentIndexChanged, this, &LogView::applyFilter);
    connect(m_ui->shownCombo, &QComboBox::currentIndexChanged, this, &LogView::applyFilter);
    connect(m_ui->payloadViewCombo, &QComboBox::currentIndexChanged, this,
            &LogView::applyDisplayFormat);
    connect(m_ui->encodingCombo, &QComboBox::currentIndexChanged, this,
            &LogView::applyDisplayFormat);
    connect(m_ui->followButton, &QToolButton::toggled, this, &LogView::setFollowing);
    connect(m_ui->chatButton, &QToolButton::toggled, this, &LogView::setChatView);
    connect(m_ui->diagramButton, &QToolButton::toggled, this, &LogView::setDiagramView);
    connect(m_ui->socketCallsButton, &QToolButton::toggled, this,
            &LogView::socketCallsShownChanged);
    // Rows come and go in every batch of a flood; the footer counts them a few times a second.
    m_footerTimer.setSingleShot(true);
    m_footerTimer.setInterval(FooterIntervalMs);
    connect(&m_footerTimer, &QTimer::timeout, this, &LogView::updateFooter);
    for (const auto rowsChanged :
         { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved }) {
        connect(m_filter, rowsChanged, this, [this] {
            if (!m_footerTimer.isActive())
                m_footerTimer.start();
        });
    }
    connect(m_filter, &QAbstractItemModel::modelReset, this, &LogView::updateFooter);
    m_floodFrame.setSingleShot(true);
    m_floodFrame.setInterval(FloodFrameMs);
    connect(&m_floodFrame, &QTimer::timeout, this, [this] {
        m_ui->table->viewport()->setUpdatesEnabled(true);
        m_ui->chatList->viewport()->setUpdatesEnabled(true);
        m_ui->diagram->viewport()->setUpdatesEnabled(true);
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &LogView::rowsArrived);
    connect(m_ui->table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &LogView::showCurrent);
    updateFooter();
}

void LogView::setUpFilter()
{
    using Shown = LogFilterModel::Shown;
    KeyedCombo::addItem(m_ui->filterModeCombo, PayloadCodec::InputMode::Text, tr("Text"));
    KeyedCombo::addItem(m_ui->filterModeCombo, PayloadCodec::InputMode::Hex, tr("Hex bytes"));
    KeyedCombo::addItem(m_ui->shownCombo, Shown::All, tr("All rows"));
    KeyedCombo::addItem(m_ui->shownCombo, Shown::Traffic, tr("Traffic"));
    KeyedCombo::addItem(m_ui->shownCombo, Shown::Received, tr("Received"));
    KeyedCombo::addItem(m_ui->shownCombo, Shown::Sent, tr("Sent"));
    KeyedCombo::addItem(m_ui->shownCombo, Shown::Events, tr("Events"));
    KeyedCombo::addItem(m_ui->shownCombo, Shown::Errors, tr("Errors"));
    KeyedCombo::addItem(m_ui->shownCombo, Shown::Calls, tr("Calls"));
    KeyedCombo::addItem(m_ui->payloadViewCombo, PayloadCodec::PayloadView::Text, tr("Show text"));
    KeyedCombo::addItem(m_ui->payloadViewCombo, PayloadCodec::PayloadView::Hex, tr("Show hex"));
    KeyedCombo::addItem(m_ui->encodingCombo, TextEncoding::Utf8, tr("UTF-8"));
    KeyedCombo::addItem(m_ui->encodingCombo, TextEncoding::Gb18030, tr("GB18030 (GBK)"));
    KeyedCombo::addItem(m_ui->encodingCombo, TextEncoding::Big5, tr("Big5"));
    KeyedCombo::addItem(m_ui->encodingCombo, TextEncoding::ShiftJis, tr("Shift_JIS"));
    KeyedCombo::addItem(m_ui->encodingCombo, TextEncoding::Latin1, tr("Latin-1"));
}

void LogView::setUpTable()
{
    QTableView *table = m_ui->table;
    table->setModel(m_filter);
    table->setItemDelegate(new LogItemDelegate(table));
    // Uniform, fixed rows and fixed column widths: the view never measures its contents, which
    // keeps it fast with 100,000 rows.
    setFixedRows(table);
    QHeaderView *columns = table->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
}

void LogView::setUpChat()
{
    QListView *chat = m_ui->chatList;
    chat->setModel(m_filter);
    chat->setModelColumn(LogModel::DataColumn);
    chat->setItemDelegate(new ChatItemDelegate(chat));
    // One selection for both views: what is selected in the table stays selected in the chat.
    QItemSelectionModel *ownSelection = chat->selectionModel();
    chat->setSelectionModel(m_ui->table->selectionModel());
    delete ownSelection;
}

void LogView::setUpDiagram()
{
    SequenceDiagram *diagram = m_ui->diagram;
    diagram->setModel(m_filter);
    QItemSelectionModel *ownSelection = diagram->selectionModel();
    diagram->setSelectionModel(m_ui->table->selectionModel());
    delete ownSelection;
}

// What the table and the chat both do: Ctrl+C copies, and their scroll bars drive Follow.
void LogView::connectView(QAbstractItemView *view)
{
    auto *copy = new QAction(tr("Copy"), view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setWhatsThis(tr("Copy the selected rows of the log")); // for Keyboard Shortcuts
    copy->setShortcutContext(Qt::WidgetShortcut);
    view->addAction(copy);
    connect(copy, &QAction::triggered, this, &LogView::copySelection);
    QScrollBar *bar = view->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this,
            [this, view](int value) { scrollChanged(view, value); });
    // New rows, rows that arrived while the view was hidden, and resizes all move the bottom;
    // a view that follows stays there.
    connect(bar, &QScrollBar::rangeChanged, this, [this, view, bar](int, int maximum) {
        if (view == activeView() && isFollowing())
            bar->setValue(maximum);
    });
}

LogView::~LogView() = default;

void LogView::setEmptyHint(const QString &text)
{
    for (EmptyHint *hint : { m_tableHint, m_chatHint, m_diagramHint }) {
        if (hint)
            hint->setHint(text);
    }
}

void LogView::setSessionLog(SessionLog *log)
{
    m_log = log;
    if (log) {
        // The row the detail pane shows leaves the log (a cap): the pane empties, rather than
        // follow the view's current index to some other row. Connected before the filter
        // connects, so that this runs before the views move their current index.
        connect(log->model(), &QAbstractItemModel::rowsAboutToBeRemoved, this,
                [this](const QModelIndex &, int first, int last) {
                    QItemSelectionModel *selection = m_ui->table->selectionModel();
                    const int current = m_filter->mapToSource(selection->currentIndex()).row();
                    if (current >= first && current <= last)
                        selection->setCurrentIndex({}, QItemSelectionModel::NoUpdate);
                });
    }
    m_filter->setLogModel(log ? log->model() : nullptr);
    delete m_tableHint;
    delete m_chatHint;
    delete m_diagramHint;
    m_tableHint = m_chatHint = m_diagramHint = nullptr;
    if (log) {
        m_tableHint = new EmptyHint(m_ui->table, log->model());
        m_tableHint->setObjectName(QStringLiteral("tableHint"));
        m_chatHint = new EmptyHint(m_ui->chatList, log->model());
        m_chatHint->setObjectName(QStringLiteral("chatHint"));
        m_diagramHint = new EmptyHint(m_ui->diagram, log->model());
        m_diagramHint->setObjectName(QStringLiteral("diagramHint"));
        log->model()->setDisplayFormat(displayFormat());
        log->setTextEncoding(displayFormat().encoding);
        connect(log->model(), &LogModel::evictedCountChanged, this, [this] {
            if (!m_footerTimer.isActive())
                m_footerTimer.start();
        });
        connect(log->model(), &LogModel::limitsChanged, this, &LogView::updateFooter);
        // Fixed widths sized for their usual content, set once the columns exist: "Timestamp
        // reply", and a relay's "user12 (127.0.0.1:41000) → 3 others".
        QTableView *table = m_ui->table;
        const int digit = table->fontMetrics().horizontalAdvance(u'0');
        table->setColumnWidth(LogModel::TimeColumn, digit * 14);
        table->setColumnWidth(LogModel::DirectionColumn, digit * 15);
        table->setColumnWidth(LogModel::PeerColumn, digit * 36);
        table->setColumnWidth(LogModel::SizeColumn, digit * 8);
    }
    updateFooter();
}

void LogView::clear()
{
    if (m_log)
        m_log->model()->clear();
    m_ui->detailView->clear();
    setFollowing(true);
}

void LogView::focusFilter()
{
    m_ui->filterEdit->setFocus(Qt::ShortcutFocusReason);
    m_ui->filterEdit->selectAll();
}

bool LogView::isFollowing() const
{
    return m_ui->followButton->isChecked();
}

bool LogView::showsSocketCalls() const
{
    return m_ui->socketCallsButton->isChecked();
}

void LogView::setShowsSocketCalls(bool shown)
{
    m_ui->socketCallsButton->setChecked(shown);
}

PayloadCodec::DisplayFormat LogView::displayFormat() const
{
    return { KeyedCombo::value<PayloadCodec::PayloadView>(m_ui->payloadViewCombo),
             KeyedCombo::value<TextEncoding>(m_ui->encodingCombo) };
}

void LogView::setDisplayFormat(const PayloadCodec::DisplayFormat &format)
{
    {
        const QSignalBlocker viewBlocker(m_ui->payloadViewCombo);
        const QSignalBlocker encodingBlocker(m_ui->encodingCombo);
        KeyedCombo::setValue(m_ui->payloadViewCombo, format.view);
        KeyedCombo::setValue(m_ui->encodingCombo, format.encoding);
    }
    applyDisplayFormat();
}

// Every place a payload shows, and the recording, follow the choice.
void LogView::applyDisplayFormat()
{
    const PayloadCodec::DisplayFormat format = displayFormat();
    if (m_log) {
        m_log->model()->setDisplayFormat(format);
        m_log->setTextEncoding(format.encoding);
    }
    static_cast<ChatItemDelegate *>(m_ui->chatList->itemDelegate())->setDisplayFormat(format);
    m_ui->chatList->viewport()->update();
    m_ui->diagram->setDisplayFormat(format);
    m_filter->setTextEncoding(format.encoding);
    m_ui->detailView->setTextEncoding(format.encoding);
    showCurrent();
    Q_EMIT displayFormatChanged(format);
}

void LogView::copySelection() const
{
    const QModelIndexList rows = m_ui->table->selectionModel()->selectedRows();
    QList<int> order;
    for (const QModelIndex &index : rows)
        order << index.row();
    std::sort(order.begin(), order.end());
    QStringList lines;
    for (int row : std::as_const(order)) {
        QStringList cells;
        for (int column = 0; column < LogModel::ColumnCount; ++column)
            cells << m_filter->index(row, column).data().toString();
        lines << cells.join(u'\t');
    }
    if (!lines.isEmpty())
        QGuiApplication::clipboard()->setText(lines.join(u'\n') + u'\n');
}

void LogView::applyFilter()
{
    const QString text = m_ui->filterEdit->text();
    const bool hexMode = KeyedCombo::value<PayloadCodec::InputMode>(m_ui->filterModeCombo)
            == PayloadCodec::InputMode::Hex;
    m_filter->setShown(KeyedCombo::value<LogFilterModel::Shown>(m_ui->shownCombo));
    QString error;
    if (hexMode) {
        const PayloadCodec::ParseResult parsed = PayloadCodec::parseHex(text);
        if (parsed.isValid()) {
            m_filter->setBytes(parsed.bytes);
        } else {
            error = parsed.error;
        }
        m_filter->setText({});
    } else {
        m_filter->setBytes({});
        m_filter->setText(text);
    }
    m_ui->filterEdit->setToolTip(error);
    QPalette palette = m_ui->filterEdit->palette();
    palette.setColor(QPalette::Text,
                     error.isEmpty() ? QGuiApplication::palette().color(QPalette::Text)
                                     : Palette::error());
    m_ui->filterEdit->setPalette(palette);
    m_filterError = error;
    updateFooter();
    if (isFollowing())
        activeView()->scrollToBottom();
}

void LogView::setFollowing(bool following)
{
    if (m_ui->followButton->isChecked() != following) {
        const QSignalBlocker blocker(m_ui->followButton);
        m_ui->followButton->setChecked(following);
    }
    if (following)
        activeView()->scrollToBottom();
}

// Scrolling up pauses following; reaching the bottom again resumes it. The hidden view's
// scroll bar moves too when rows come and go, and says nothing about the user.
void LogView::scrollChanged(QAbstractItemView *view, int value)
{
    if (view != activeView())
        return;
    const QScrollBar *bar = view->verticalScrollBar();
    const bool atBottom = value >= bar->maximum();
    if (atBottom != isFollowing()) {
        const QSignalBlocker blocker(m_ui->followButton);
        m_ui->followButton->setChecked(atBottom);
    }
}

void LogView::showCurrent()
{
    const QModelIndex current = m_filter->mapToSource(activeView()->currentIndex());
    if (!current.isValid() || !m_log) {
        m_ui->detailView->clear();
        return;
    }
    m_ui->detailView->showEntry(m_log->model()->entry(current.row()));
}

// A flood's batches come faster than a person can read them, and painting each would take
// the time reading them needs: the view paints the newest once a frame.
void LogView::rowsArrived()
{
    if (!m_log || !m_log->model()->isBusy() || m_floodFrame.isActive())
        return;
    activeView()->viewport()->setUpdatesEnabled(false);
    m_floodFrame.start();
}

void LogView::updateFooter()
{
    m_footerTimer.stop();
    const QLocale locale;
    const LogModel *model = m_log ? m_log->model() : nullptr;
    const int total = model ? model->rowCount() : 0;
    QStringList parts;
    if (m_filter->isFiltering() || m_filter->rowCount() != total) {
        parts << tr("Showing %1 of %Ln rows", nullptr, total)
                         .arg(locale.toString(m_filter->rowCount()));
    } else {
        parts << tr("%Ln rows", nullptr, total);
    }
    if (model && model->evictedCount() > 0) {
        parts << tr("%1 older rows left the view (limits: %2 rows, %3 of payload); a "
                    "recording keeps them",
                    nullptr, pluralCount(model->evictedCount()))
                         .arg(locale.toString(model->evictedCount()),
                              locale.toString(model->capacity()),
                              locale.formattedDataSize(model->payloadBudget(), 0,
                                                       QLocale::DataSizeIecFormat));
    }
    if (!m_filterError.isEmpty())
        parts << tr("Filter: %1").arg(m_filterError);
    m_ui->footerLabel->setText(parts.join(QStringLiteral(" · ")));
}
