#include "tabs/tcpservertab.h"

#include "teach/lesson.h"
#include "ui_tcpservertab.h"

#include "compose/messagecomposer.h"
#include "net/clientlistmodel.h"
#include "net/localreach.h"
#include "net/networkchoices.h"
#include "net/tcpserversession.h"
#include "widgets/combovalue.h"
#include "widgets/emptyhint.h"
#include "widgets/faultcontrols.h"
#include "widgets/fixedrows.h"
#include "widgets/keyedcombo.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QStyle>

#include <algorithm>

namespace {

// Whom the composer's message goes to.
enum class SendTo { AllClients, SelectedClients };
constexpr std::array<EnumKey<SendTo>, 2> enumKeys(SendTo)
{
    return { { { SendTo::AllClients, "all" }, { SendTo::SelectedClients, "selected" } } };
}

} // namespace

TcpServerTab::TcpServerTab(const Context &context, QWidget *parent)
    : KindTab(context, ControlsHeight::Fixed, parent)
    , m_clients(new ClientListModel(session(), this))
    , m_port(m_ui->portSpin)
    , m_clientsHint(new EmptyHint(m_ui->clientTable, m_clients))
{
    m_clientsHint->setObjectName(QStringLiteral("clientsHint"));
    const int tableWidth = setUpClientTable();
    // The clients beside the log, which keeps most of the height.
    m_ui->controlsRootLayout->removeWidget(m_ui->clientsGroup);
    // At first 40 digits wide at most (about a third of the default window): the log keeps its
    // tools, the list scrolls.
    const int digit = fontMetrics().horizontalAdvance(u'0');
    setSidePanel(
        m_ui->clientsGroup,
        std::min(tableWidth + 2 * style()->pixelMetric(QStyle::PM_LayoutLeftMargin), 40 * digit));
    fillChoices();
    loadControls();
    connectControls();
    applyAnswerOptions();
    updateState();
    updateHints();
}

TcpServerTab::~TcpServerTab() = default;

int TcpServerTab::setUpClientTable()
{
    QTableView *table = m_ui->clientTable;
    table->setModel(m_clients);
    setFixedRows(table);
    // Each column as wide as its title or its usual content, whichever is wider: "user12
    // (paused)", "127.0.0.1:41000", "12:34:56.789", "12,345,678"; a longer one is cut, and the
    // column can be widened by hand.
    const int digit = table->fontMetrics().horizontalAdvance(u'0');
    const int nameDigits = table->fontMetrics().horizontalAdvance(
                               ClientListModel::pausedName(QStringLiteral("user12")))
            / digit
        + 2;
    const std::pair<ClientListModel::Column, int> usual[] = {
        { ClientListModel::NameColumn, nameDigits }, { ClientListModel::PeerColumn, 17 },
        { ClientListModel::SinceColumn, 12 },        { ClientListModel::ReceivedColumn, 9 },
        { ClientListModel::SentColumn, 9 },
    };
    QHeaderView *header = table->horizontalHeader();
    header->setStretchLastSection(false);
    int width = 2 * table->frameWidth() + table->verticalScrollBar()->sizeHint().width();
    for (const auto &[column, digits] : usual) {
        const int columnWidth = std::max(header->sectionSizeHint(column), digit * digits);
        table->setColumnWidth(column, columnWidth);
        width += columnWidth;
    }
    table->setMinimumWidth(digit * 22); // narrower, it scrolls
    table->setMinimumHeight(header->sizeHint().height()
                            + 5 * table->verticalHeader()->defaultSectionSize()
                            + 2 * table->frameWidth());
    return width;
}

void TcpServerTab::fillChoices()
{
    for (const NetworkChoices::Choice &choice : NetworkChoices::localAddresses())
        m_ui->addressCombo->addItem(choice.label, choice.value);
    addAutoReplies(m_ui->autoReplyCombo,
                   { AutoReply::None, AutoReply::Echo, AutoReply::Timestamp, AutoReply::Relay });
    KeyedCombo::addItem(m_ui->sendToCombo, SendTo::AllClients, tr("All clients"));
    KeyedCombo::addItem(m_ui->sendToCombo, SendTo::SelectedClients, tr("Selected clients"));
}

void TcpServerTab::loadControls()
{
    const Settings::Group saved = settings();
    setComboValue(m_ui->addressCombo, saved.text(u"address")); // empty: every address
    m_ui->portSpin->setValue(saved.port(u"port", DefaultPort));
    m_ui->maxClientsSpin->setValue(saved.number(u"maxClients", TcpServerSession::DefaultMaxClients,
                                                1, m_ui->maxClientsSpin->maximum()));
    KeyedCombo::setValue(m_ui->autoReplyCombo, saved.choice<AutoReply>(u"autoReply"));
    m_ui->relayNamesCheck->setChecked(saved.flag(u"relayNames", session()->relayNames()));
    m_ui->announceCheck->setChecked(saved.flag(u"announces", session()->announces()));
    m_ui->framingPicker->load(saved);
}

void TcpServerTab::saveControls(Settings::Group &settings)
{
    settings.setValue(u"address", comboValue(m_ui->addressCombo));
    settings.setValue(u"port", m_port.asked());
    settings.setValue(u"maxClients", m_ui->maxClientsSpin->value());
    settings.setChoice(u"autoReply", KeyedCombo::value<AutoReply>(m_ui->autoReplyCombo));
    settings.setValue(u"relayNames", m_ui->relayNamesCheck->isChecked());
    settings.setValue(u"announces", m_ui->announceCheck->isChecked());
    m_ui->framingPicker->save(settings);
}

void TcpServerTab::connectControls()
{
    connect(m_ui->listenButton, &QPushButton::clicked, this, &TcpServerTab::toggleListening);
    connect(m_ui->kickSelectedButton, &QPushButton::clicked, this,
            [this] { session()->disconnectClients(selectedClientIds()); });
    connect(m_ui->pauseReadingButton, &QPushButton::clicked, this,
            [this] { session()->setReadingPaused(selectedClientIds(), !selectedArePaused()); });
    connect(session(), &Session::readingPausedChanged, this, &TcpServerTab::updateClientButtons);
    connect(session(), &Session::readingPausedChanged, this, &SessionTab::statusChanged);
    connect(m_ui->kickAllButton, &QPushButton::clicked, this, [this] {
        if (settleSending(m_ui->kickAllButton->text().remove(u'&'),
                          tr("The server goes on listening either way.")))
            session()->disconnectAll();
    });
    connect(m_ui->autoReplyCombo, &QComboBox::currentIndexChanged, this,
            &TcpServerTab::applyAnswerOptions);
    connect(m_ui->relayNamesCheck, &QCheckBox::toggled, this, &TcpServerTab::applyAnswerOptions);
    connect(m_ui->announceCheck, &QCheckBox::toggled, this, &TcpServerTab::applyAnswerOptions);
    connect(m_ui->maxClientsSpin, &QSpinBox::valueChanged, this, &TcpServerTab::applyAnswerOptions);
    connect(m_ui->framingPicker, &FramingPicker::framerChanged, this,
            &TcpServerTab::applyAnswerOptions);
    m_ui->faultControls->setDatagrams(false);
    setFaultControls(m_ui->faultControls,
                     [this](const FaultSpec &spec) { session()->setFaults(spec); });
    connect(m_ui->clientTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TcpServerTab::selectionChanged);
    connect(m_clients, &QAbstractItemModel::rowsInserted, this, &TcpServerTab::updateClientButtons);
    connect(m_clients, &QAbstractItemModel::rowsRemoved, this, &TcpServerTab::updateClientButtons);
    connect(session(), &Session::stateChanged, this, &TcpServerTab::updateState);
    connect(session(), &Session::errorOccurred, this, &TcpServerTab::updateState); // failure()
    connect(session(), &Session::stateChanged, this, &TcpServerTab::updateHints);
    connect(m_ui->addressCombo, &QComboBox::currentTextChanged, this, &TcpServerTab::updateHints);
    connect(m_ui->portSpin, &QSpinBox::valueChanged, this, &TcpServerTab::updateHints);
}

void TcpServerTab::setAutoReply(AutoReply mode)
{
    KeyedCombo::setValue(m_ui->autoReplyCombo, mode);
}

void TcpServerTab::setFaults(const FaultSpec &spec)
{
    if (spec.hasDatagramFaults()) // said in the log; the fields keep what a stream has
        session()->setFaults(spec);
    m_ui->faultControls->setSpec(spec.withoutDatagramFaults());
}

bool TcpServerTab::listenOn(const HostPort &local)
{
    setComboValue(m_ui->addressCombo, local.host);
    m_ui->portSpin->setValue(local.port);
    listen();
    return session()->isListening();
}

void TcpServerTab::toggleListening()
{
    if (session()->isListening()) {
        if (settleSending(m_ui->listenButton->text().remove(u'&'),
                          tr("Listening stops either way.")))
            session()->stop();
    } else
        listen();
}

void TcpServerTab::listen()
{
    session()->listen(comboValue(m_ui->addressCombo), quint16(m_port.asked()));
    saveSettings();
}

bool TcpServerTab::send(const QByteArray &payload)
{
    return KeyedCombo::value<SendTo>(m_ui->sendToCombo) == SendTo::SelectedClients
        ? session()->send(payload, selectedClientIds())
        : session()->sendToAll(payload);
}

bool TcpServerTab::sendFile(const QString &path)
{
    return session()->sendFile(path,
                               KeyedCombo::value<SendTo>(m_ui->sendToCombo)
                                       == SendTo::SelectedClients
                                   ? selectedClientIds()
                                   : allClientIds());
}

QList<int> TcpServerTab::allClientIds() const
{
    QList<int> ids;
    for (const TcpConnection *client : session()->clients())
        ids << client->id();
    return ids;
}

QList<int> TcpServerTab::selectedClientIds() const
{
    QList<int> ids;
    const QModelIndexList rows = m_ui->clientTable->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        ids << row.data(ClientListModel::IdRole).toInt();
    return ids;
}

// Selecting clients means "talk to these"; clearing the selection goes back to everyone.
void TcpServerTab::selectionChanged()
{
    const bool any = m_ui->clientTable->selectionModel()->hasSelection();
    KeyedCombo::setValue(m_ui->sendToCombo, any ? SendTo::SelectedClients : SendTo::AllClients);
    updateClientButtons();
}

void TcpServerTab::applyAnswerOptions()
{
    const auto mode = KeyedCombo::value<AutoReply>(m_ui->autoReplyCombo);
    session()->setAutoReply(mode);
    session()->setRelayNames(m_ui->relayNamesCheck->isChecked());
    session()->setAnnounces(m_ui->announceCheck->isChecked());
    session()->setMaxClients(m_ui->maxClientsSpin->value());
    session()->setFramer(m_ui->framingPicker->framer());
    m_ui->relayNamesCheck->setEnabled(mode == AutoReply::Relay);
    m_ui->announceCheck->setEnabled(mode == AutoReply::Relay);
    saveSettings();
}

void TcpServerTab::updateState()
{
    const bool listening = session()->isListening();
    m_ui->listenButton->setText(listening ? tr("St&op") : tr("L&isten"));
    m_ui->listenButton->setToolTip(listening ? tr("Stop listening and close every client.")
                                             : tr("Open the port and accept clients."));
    m_ui->addressCombo->setEnabled(!listening);
    m_ui->portSpin->setEnabled(!listening);
    if (listening)
        m_port.show(session()->localEndpoint().port);
    else
        m_port.release();
    m_ui->listeningLabel->setText(
        listening ? tr("Listening on %1").arg(session()->localEndpoint().inWords())
            : session()->failure().isEmpty() ? tr("Not listening")
                                             : tr("Not listening: %1").arg(session()->failure()));
    updateClientButtons();
}

void TcpServerTab::updateClientButtons()
{
    const int count = m_clients->rowCount();
    m_ui->clientsGroup->setTitle(tr("Clients (%1)").arg(count));
    m_ui->kickAllButton->setEnabled(count > 0);
    m_ui->kickSelectedButton->setEnabled(m_ui->clientTable->selectionModel()->hasSelection());
    m_ui->pauseReadingButton->setEnabled(m_ui->clientTable->selectionModel()->hasSelection());
    m_ui->pauseReadingButton->setText(selectedArePaused() ? tr("Resume Reading Selected")
                                                          : tr("Pause Reading Selected"));
}

// Every selected client is paused: the button resumes them.
bool TcpServerTab::selectedArePaused() const
{
    const QList<int> ids = selectedClientIds();
    return !ids.isEmpty() && std::all_of(ids.cbegin(), ids.cend(), [this](int id) {
        const TcpConnection *client = session()->client(id);
        return client && client->isReadingPaused();
    });
}

int TcpServerTab::pausedClients() const
{
    const QList<TcpConnection *> &clients = session()->clients();
    return int(std::count_if(clients.cbegin(), clients.cend(),
                             [](const TcpConnection *c) { return c->isReadingPaused(); }));
}

QString TcpServerTab::stateText() const
{
    if (session()->isListening()) {
        const QString where = session()->localEndpoint().inWords();
        const int clients = int(session()->clients().size());
        const int paused = pausedClients();
        if (paused == 0)
            return withFaults(tr("TCP server on %1, %Ln clients", nullptr, clients).arg(where));
        //: %2 is "%Ln clients" (TCP server on 0.0.0.0:9000, 3 clients, 1 reading paused)
        return withFaults(tr("TCP server on %1, %2, %Ln reading paused", nullptr, paused)
                              .arg(where, tr("%Ln clients", nullptr, clients)));
    }
    return session()->failure().isEmpty()
        ? tr("TCP server not listening")
        : tr("TCP server not listening: %1").arg(session()->failure());
}

// "nc 127.0.0.1 9000": a client for the port it listens on, or would listen on; "" for a port
// the system has not chosen yet.
QString TcpServerTab::clientCommand() const
{
    const quint16 port = session()->isListening() ? session()->localEndpoint().port
                                                  : quint16(m_ui->portSpin->value());
    return port == 0 ? QString()
                     : LocalReach::client(
                         Transport::Tcp, LocalReach::hostFor(comboValue(m_ui->addressCombo)), port);
}

QString TcpServerTab::emptyLogHint() const
{
    if (session()->isListening()) {
        return tr("Listening on %1. Connect a client from another program, e.g.\n%2")
            .arg(session()->localEndpoint().inWords(), clientCommand());
    }
    if (m_ui->portSpin->value() == 0)
        return tr("Listen opens a port the system chooses and accepts clients there.");
    return tr("Listen opens port %1 and accepts clients; then connect one from another "
              "program, e.g.\n%2")
        .arg(QString::number(m_ui->portSpin->value()), clientCommand());
}

void TcpServerTab::updateHints()
{
    updateEmptyHint();
    if (session()->isListening()) {
        m_clientsHint->setHint(
            tr("No clients yet. Connect one from another program, e.g. %1").arg(clientCommand()));
    } else {
        m_clientsHint->setHint(
            clientCommand().isEmpty()
                ? tr("No clients: press Listen, then connect one.")
                : tr("No clients: press Listen, then connect one, e.g. %1").arg(clientCommand()));
    }
}

void TcpServerTab::describe(SessionSetup &setup) const
{
    setup.localAddress = comboValue(m_ui->addressCombo);
    setup.localPort = session()->isListening() ? session()->localEndpoint().port
                                               : quint16(m_ui->portSpin->value());
    setup.autoReply = KeyedCombo::value<AutoReply>(m_ui->autoReplyCombo);
    setup.relayNames = m_ui->relayNamesCheck->isChecked();
    setup.announces = m_ui->announceCheck->isChecked();
    const StreamFramer framer = m_ui->framingPicker->framer();
    setup.framing = framer.framing();
    setup.delimiter = framer.delimiter();
}

void TcpServerTab::offerFreePorts()
{
    offerFreePort(m_ui->portSpin, Transport::Tcp, probeAddress(comboValue(m_ui->addressCombo)));
}

void TcpServerTab::adoptLesson(const Lesson &lesson, quint16 port)
{
    setComboValue(m_ui->addressCombo, {});
    m_ui->portSpin->setValue(port);
    setAutoReply(lesson.autoReply);
    setFaults(lesson.fault);
}

// One client at a time: the one selected in the list.
KernelPanel::Target TcpServerTab::kernelTarget() const
{
    const QList<int> selected = selectedClientIds();
    return connectionTarget(
        selected.size() == 1 ? session()->client(selected.constFirst()) : nullptr,
        tr("Select one client in the list to see its connection as the kernel sees it."));
}
