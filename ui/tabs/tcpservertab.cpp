#include "tabs/tcpservertab.h"
#include "ui_tcpservertab.h"

#include "compose/messagecomposer.h"
#include "config/commandline.h"
#include "net/clientlistmodel.h"
#include "net/networkchoices.h"
#include "net/tcpserversession.h"
#include "widgets/combovalue.h"
#include "widgets/fixedrows.h"
#include "widgets/keyedcombo.h"

namespace {

// Whom the composer's message goes to.
enum class SendTo { AllClients, SelectedClients };
constexpr std::array<EnumKey<SendTo>, 2> enumKeys(SendTo)
{
    return { { { SendTo::AllClients, "all" }, { SendTo::SelectedClients, "selected" } } };
}

} // namespace

TcpServerTab::TcpServerTab(const Context &context, QWidget *parent)
    : TcpServerTab(context, new TcpServerSession, parent)
{
}

TcpServerTab::TcpServerTab(const Context &context, TcpServerSession *session, QWidget *parent)
    : SessionTab(context, session, parent)
    , m_ui(std::make_unique<Ui::TcpServerTab>())
    , m_session(session)
    , m_clients(new ClientListModel(session, this))
{
    auto *controls = new QWidget(this);
    m_ui->setupUi(controls);
    setControls(controls, ControlsHeight::Shared);
    setUpClientTable();
    fillChoices();
    loadControls();
    connectControls();
    applyAnswerOptions();
    updateState();
}

TcpServerTab::~TcpServerTab() = default;

void TcpServerTab::setUpClientTable()
{
    QTableView *table = m_ui->clientTable;
    table->setModel(m_clients);
    setFixedRows(table);
    table->horizontalHeader()->setStretchLastSection(true);
    const int digit = table->fontMetrics().horizontalAdvance(u'0');
    table->setColumnWidth(ClientListModel::NameColumn, digit * 9);
    table->setColumnWidth(ClientListModel::PeerColumn, digit * 26);
    table->setColumnWidth(ClientListModel::SinceColumn, digit * 15);
    table->setColumnWidth(ClientListModel::ReceivedColumn, digit * 14);
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
    m_ui->relayNamesCheck->setChecked(saved.flag(u"relayNames", true));
    m_ui->announceCheck->setChecked(saved.flag(u"announces", true));
    m_ui->framingPicker->load(saved);
}

void TcpServerTab::saveControls(Settings::Group &settings)
{
    settings.setValue(u"address", comboValue(m_ui->addressCombo));
    settings.setValue(u"port", m_ui->portSpin->value());
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
            [this] { m_session->disconnectClients(selectedClientIds()); });
    connect(m_ui->kickAllButton, &QPushButton::clicked, m_session,
            &TcpServerSession::disconnectAll);
    connect(m_ui->autoReplyCombo, &QComboBox::currentIndexChanged, this,
            &TcpServerTab::applyAnswerOptions);
    connect(m_ui->relayNamesCheck, &QCheckBox::toggled, this, &TcpServerTab::applyAnswerOptions);
    connect(m_ui->announceCheck, &QCheckBox::toggled, this, &TcpServerTab::applyAnswerOptions);
    connect(m_ui->maxClientsSpin, &QSpinBox::valueChanged, this,
            &TcpServerTab::applyAnswerOptions);
    connect(m_ui->framingPicker, &FramingPicker::framerChanged, this,
            &TcpServerTab::applyAnswerOptions);
    connect(m_ui->clientTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TcpServerTab::selectionChanged);
    connect(m_clients, &QAbstractItemModel::rowsInserted, this, &TcpServerTab::updateClientButtons);
    connect(m_clients, &QAbstractItemModel::rowsRemoved, this, &TcpServerTab::updateClientButtons);
    connect(m_session, &Session::stateChanged, this, &TcpServerTab::updateState);
}

bool TcpServerTab::applyLaunchOptions(const LaunchOptions &options)
{
    const std::optional<HostPort> listenOn = options.endpoint(u"tcp-server");
    if (!listenOn)
        return false;
    if (options.autoReply)
        KeyedCombo::setValue(m_ui->autoReplyCombo, *options.autoReply);
    setComboValue(m_ui->addressCombo, listenOn->host);
    m_ui->portSpin->setValue(listenOn->port);
    listen();
    return m_session->isListening();
}

void TcpServerTab::toggleListening()
{
    if (m_session->isListening())
        m_session->stop();
    else
        listen();
}

void TcpServerTab::listen()
{
    m_session->listen(comboValue(m_ui->addressCombo), quint16(m_ui->portSpin->value()));
    saveSettings();
}

bool TcpServerTab::send(const QByteArray &payload)
{
    return KeyedCombo::value<SendTo>(m_ui->sendToCombo) == SendTo::SelectedClients
            ? m_session->send(payload, selectedClientIds())
            : m_session->sendToAll(payload);
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
    m_session->setAutoReply(mode);
    m_session->setRelayNames(m_ui->relayNamesCheck->isChecked());
    m_session->setAnnounces(m_ui->announceCheck->isChecked());
    m_session->setMaxClients(m_ui->maxClientsSpin->value());
    m_session->setFramer(m_ui->framingPicker->framer());
    m_ui->relayNamesCheck->setEnabled(mode == AutoReply::Relay);
    m_ui->announceCheck->setEnabled(mode == AutoReply::Relay);
    saveSettings();
}

void TcpServerTab::updateState()
{
    const bool listening = m_session->isListening();
    m_ui->listenButton->setText(listening ? tr("S&top") : tr("&Listen"));
    m_ui->listenButton->setToolTip(listening ? tr("Stop listening and close every client.")
                                             : tr("Open the port and accept clients."));
    m_ui->addressCombo->setEnabled(!listening);
    m_ui->portSpin->setEnabled(!listening);
    m_ui->listeningLabel->setText(
            listening ? tr("Listening on %1").arg(m_session->localEndpoint().toString())
                      : tr("Not listening"));
    updateClientButtons();
}

void TcpServerTab::updateClientButtons()
{
    const int count = m_clients->rowCount();
    m_ui->clientsGroup->setTitle(tr("Clients (%1)").arg(count));
    m_ui->kickAllButton->setEnabled(count > 0);
    m_ui->kickSelectedButton->setEnabled(m_ui->clientTable->selectionModel()->hasSelection());
}

QString TcpServerTab::stateText() const
{
    return m_session->isListening() ? tr("TCP server on %1, %2 clients")
                                              .arg(m_session->localEndpoint().toString())
                                              .arg(m_session->clients().size())
                                    : tr("TCP server not listening");
}

QString TcpServerTab::titleDetail() const
{
    return u" :" + QString::number(m_session->localEndpoint().port);
}
