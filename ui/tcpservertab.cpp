#include "tcpservertab.h"
#include "ui_tcpservertab.h"

#include "clientlistmodel.h"
#include "combovalue.h"
#include "commandline.h"
#include "fixedrows.h"
#include "logmodel.h"
#include "networkchoices.h"
#include "sessionlog.h"
#include "settings.h"
#include "tcpserversession.h"


namespace {

const QString SessionKind = QStringLiteral("tcpServer");
enum SendTo { AllClients, SelectedClients };

} // namespace

TcpServerTab::TcpServerTab(Settings &settings, Recorder *recorder, const QString &sessionName,
                           QWidget *parent)
    : SessionTab(parent)
    , m_ui(std::make_unique<Ui::TcpServerTab>())
    , m_settings(settings)
    , m_sessionName(sessionName)
    , m_session(new TcpServerSession(this))
    , m_log(new SessionLog(sessionName, Transport::Tcp, this))
    , m_clients(new ClientListModel(m_session, this))
{
    m_ui->setupUi(this);
    m_log->setRecorder(recorder);
    m_log->attach(m_session);
    m_ui->logView->setSessionLog(m_log);
    m_ui->splitter->setStretchFactor(0, 1);
    m_ui->splitter->setStretchFactor(1, 3);
    QTableView *table = m_ui->clientTable;
    table->setModel(m_clients);
    setFixedRows(table);
    table->horizontalHeader()->setStretchLastSection(true);
    const int digit = table->fontMetrics().horizontalAdvance(u'0');
    table->setColumnWidth(ClientListModel::NameColumn, digit * 9);
    table->setColumnWidth(ClientListModel::PeerColumn, digit * 26);
    table->setColumnWidth(ClientListModel::SinceColumn, digit * 15);
    table->setColumnWidth(ClientListModel::ReceivedColumn, digit * 14);
    for (const NetworkChoices::Choice &choice : NetworkChoices::localAddresses())
        m_ui->addressCombo->addItem(choice.label, choice.value);
    loadSettings();

    connect(m_ui->listenButton, &QPushButton::clicked, this, &TcpServerTab::toggleListening);
    connect(m_ui->composer, &MessageComposer::sendRequested, this, &TcpServerTab::send);
    connect(m_ui->composer, &MessageComposer::profileChanged, this, &TcpServerTab::saveSettings);
    connect(m_ui->logView, &LogView::chatViewChanged, this, &TcpServerTab::saveSettings);
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
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TcpServerTab::selectionChanged);
    connect(m_clients, &QAbstractItemModel::rowsInserted, this, &TcpServerTab::updateClientButtons);
    connect(m_clients, &QAbstractItemModel::rowsRemoved, this, &TcpServerTab::updateClientButtons);
    connect(m_session, &TcpServerSession::stateChanged, this, &TcpServerTab::updateState);
    connect(m_log->model(), &QAbstractItemModel::rowsInserted, this, &SessionTab::statusChanged);
    applyAnswerOptions();
    updateState();
}

TcpServerTab::~TcpServerTab() = default;

LogView *TcpServerTab::logView() const
{
    return m_ui->logView;
}

MessageComposer *TcpServerTab::composer() const
{
    return m_ui->composer;
}

void TcpServerTab::loadSettings()
{
    const Settings::TcpServer server = m_settings.tcpServer();
    setComboValue(m_ui->addressCombo, server.address);
    m_ui->portSpin->setValue(server.port);
    m_ui->maxClientsSpin->setValue(server.maxClients);
    m_ui->autoReplyCombo->setCurrentIndex(int(server.autoReply));
    m_ui->relayNamesCheck->setChecked(server.relayNames);
    m_ui->announceCheck->setChecked(server.announces);
    m_ui->framingPicker->setChoice(server.framing);
    m_ui->composer->setProfile(m_settings.composer(SessionKind));
    m_ui->logView->setChatView(m_settings.chatView(SessionKind));
}

void TcpServerTab::saveSettings()
{
    Settings::TcpServer server;
    server.address = comboValue(m_ui->addressCombo);
    server.port = quint16(m_ui->portSpin->value());
    server.maxClients = m_ui->maxClientsSpin->value();
    server.autoReply = AutoReply(m_ui->autoReplyCombo->currentIndex());
    server.relayNames = m_ui->relayNamesCheck->isChecked();
    server.announces = m_ui->announceCheck->isChecked();
    server.framing = m_ui->framingPicker->choice();
    m_settings.setTcpServer(server);
    m_settings.setComposer(SessionKind, m_ui->composer->profile());
    m_settings.setChatView(SessionKind, m_ui->logView->isChatView());
}

void TcpServerTab::applyLaunchOptions(const LaunchOptions &options)
{
    if (!options.tcpServer)
        return;
    if (options.autoReply)
        m_ui->autoReplyCombo->setCurrentIndex(int(*options.autoReply));
    setComboValue(m_ui->addressCombo, options.tcpServer->host);
    m_ui->portSpin->setValue(options.tcpServer->port);
    listen();
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

void TcpServerTab::send(const QByteArray &payload)
{
    const int sent = m_ui->sendToCombo->currentIndex() == SelectedClients
            ? m_session->send(payload, selectedClientIds())
            : m_session->sendToAll(payload);
    if (sent == 0)
        m_ui->composer->stopRepeating();
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
    m_ui->sendToCombo->setCurrentIndex(any ? SelectedClients : AllClients);
    updateClientButtons();
}

void TcpServerTab::applyAnswerOptions()
{
    const auto mode = AutoReply(m_ui->autoReplyCombo->currentIndex());
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
    Q_EMIT statusChanged();
}

void TcpServerTab::updateClientButtons()
{
    const int count = m_clients->rowCount();
    m_ui->clientsGroup->setTitle(tr("Clients (%1)").arg(count));
    m_ui->kickAllButton->setEnabled(count > 0);
    m_ui->kickSelectedButton->setEnabled(
            m_ui->clientTable->selectionModel()->hasSelection());
}

QString TcpServerTab::statusText() const
{
    const QString state = m_session->isListening()
            ? tr("TCP server on %1, %2 clients")
                      .arg(m_session->localEndpoint().toString())
                      .arg(m_session->clients().size())
            : tr("TCP server not listening");
    return streamStatusText(state);
}

QString TcpServerTab::title() const
{
    if (!m_session->isListening())
        return m_sessionName;
    return m_sessionName + u" :" + QString::number(m_session->localEndpoint().port);
}
