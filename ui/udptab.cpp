#include "udptab.h"
#include "ui_udptab.h"

#include "combovalue.h"
#include "commandline.h"
#include "logmodel.h"
#include "networkchoices.h"
#include "sessionlog.h"
#include "settings.h"
#include "udpsession.h"

#include <QLocale>
#include <QShortcut>

namespace {

const QString SessionKind = QStringLiteral("udp");

} // namespace

UdpTab::UdpTab(Settings &settings, Recorder *recorder, const QString &sessionName,
               QWidget *parent)
    : SessionTab(parent)
    , m_ui(std::make_unique<Ui::UdpTab>())
    , m_settings(settings)
    , m_sessionName(sessionName)
    , m_session(new UdpSession(this))
    , m_log(new SessionLog(sessionName, Transport::Udp, this))
{
    m_ui->setupUi(this);
    m_log->setRecorder(recorder);
    m_log->attach(m_session);
    m_ui->logView->setSessionLog(m_log);
    fillChoices();
    loadSettings();

    connect(m_ui->startButton, &QPushButton::clicked, this, &UdpTab::toggleStart);
    connect(m_ui->composer, &MessageComposer::sendRequested, this, &UdpTab::send);
    connect(m_ui->composer, &MessageComposer::profileChanged, this, &UdpTab::saveSettings);
    connect(m_ui->logView, &LogView::chatViewChanged, this, &UdpTab::saveSettings);
    connect(m_ui->replyButton, &QPushButton::clicked, this, &UdpTab::replyToLastSender);
    connect(m_ui->joinButton, &QPushButton::clicked, this, &UdpTab::joinGroup);
    connect(m_ui->leaveButton, &QPushButton::clicked, this, &UdpTab::leaveGroup);
    connect(m_ui->autoReplyCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_session->setAutoReply(AutoReply(index));
        saveSettings();
    });
    connect(m_session, &UdpSession::stateChanged, this, &UdpTab::updateState);
    connect(m_log->model(), &QAbstractItemModel::rowsInserted, this, &SessionTab::statusChanged);
    auto *reply = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_R), this);
    connect(reply, &QShortcut::activated, this, &UdpTab::replyToLastSender);
    updateState();
}

UdpTab::~UdpTab() = default;

LogView *UdpTab::logView() const
{
    return m_ui->logView;
}

MessageComposer *UdpTab::composer() const
{
    return m_ui->composer;
}

void UdpTab::fillChoices()
{
    for (const NetworkChoices::Choice &choice : NetworkChoices::localAddresses())
        m_ui->localAddressCombo->addItem(choice.label, choice.value);
    for (const NetworkChoices::Choice &choice : NetworkChoices::destinations())
        m_ui->remoteHostCombo->addItem(choice.label, choice.value);
    for (const QNetworkInterface &interface : NetworkChoices::multicastInterfaces())
        m_ui->interfaceCombo->addItem(interface.humanReadableName(), interface.name());
}

void UdpTab::loadSettings()
{
    const Settings::Udp udp = m_settings.udp();
    setComboValue(m_ui->localAddressCombo, udp.localAddress);
    m_ui->localPortSpin->setValue(udp.localPort);
    setComboValue(m_ui->remoteHostCombo, udp.remoteHost);
    m_ui->remotePortSpin->setValue(udp.remotePort);
    m_ui->autoReplyCombo->setCurrentIndex(int(udp.autoReply));
    m_session->setAutoReply(udp.autoReply);
    m_ui->groupEdit->setText(udp.multicastGroup);
    m_ui->composer->setProfile(m_settings.composer(SessionKind));
    m_ui->logView->setChatView(m_settings.chatView(SessionKind));
}

void UdpTab::saveSettings()
{
    Settings::Udp udp;
    udp.localAddress = localAddressText();
    udp.localPort = quint16(m_ui->localPortSpin->value());
    udp.remoteHost = remoteHostText();
    udp.remotePort = quint16(m_ui->remotePortSpin->value());
    udp.autoReply = AutoReply(m_ui->autoReplyCombo->currentIndex());
    udp.multicastGroup = m_ui->groupEdit->text().trimmed();
    m_settings.setUdp(udp);
    m_settings.setComposer(SessionKind, m_ui->composer->profile());
    m_settings.setChatView(SessionKind, m_ui->logView->isChatView());
}

void UdpTab::applyLaunchOptions(const LaunchOptions &options)
{
    if (options.autoReply && *options.autoReply != AutoReply::Relay)
        m_ui->autoReplyCombo->setCurrentIndex(int(*options.autoReply));
    if (options.udpRemote) {
        setComboValue(m_ui->remoteHostCombo, options.udpRemote->host);
        m_ui->remotePortSpin->setValue(options.udpRemote->port);
    }
    if (options.udpBind) {
        setComboValue(m_ui->localAddressCombo, options.udpBind->host);
        m_ui->localPortSpin->setValue(options.udpBind->port);
        start();
    }
}

QString UdpTab::localAddressText() const
{
    return comboValue(m_ui->localAddressCombo);
}

QString UdpTab::remoteHostText() const
{
    return comboValue(m_ui->remoteHostCombo);
}

QNetworkInterface UdpTab::selectedInterface() const
{
    return QNetworkInterface::interfaceFromName(m_ui->interfaceCombo->currentData().toString());
}

void UdpTab::toggleStart()
{
    if (m_session->isBound())
        m_session->close();
    else
        start();
}

void UdpTab::start()
{
    const QString address = localAddressText();
    const auto port = quint16(m_ui->localPortSpin->value());
    if (address.isEmpty())
        m_session->bind(QHostAddress(QHostAddress::Any), port);
    else
        m_session->bind(address, port);
    saveSettings();
}

void UdpTab::send(const QByteArray &payload)
{
    const QString host = remoteHostText();
    if (host.isEmpty()) {
        m_log->addEvent(Direction::Error,
                        tr("Nothing was sent: there is no destination host. Type a host name or "
                           "address under \"Send to\", e.g. 127.0.0.1."));
        m_ui->composer->stopRepeating();
        return;
    }
    m_session->send(payload, host, quint16(m_ui->remotePortSpin->value()));
}

void UdpTab::replyToLastSender()
{
    if (const std::optional<QByteArray> payload = m_ui->composer->takePayload())
        m_session->replyToLastSender(*payload);
}

void UdpTab::joinGroup()
{
    const QHostAddress group(m_ui->groupEdit->text().trimmed());
    if (group.isNull()) {
        m_log->addEvent(Direction::Error,
                        tr("\"%1\" is not an IP address. Type a multicast group such as "
                           "239.255.0.1 or ff02::1:3.")
                                .arg(m_ui->groupEdit->text().trimmed()));
        return;
    }
    m_session->joinMulticastGroup(group, selectedInterface());
    saveSettings();
}

void UdpTab::leaveGroup()
{
    const QHostAddress group(m_ui->groupEdit->text().trimmed());
    m_session->leaveMulticastGroup(group, selectedInterface());
}

void UdpTab::updateState()
{
    const bool bound = m_session->isBound();
    m_ui->startButton->setText(bound ? tr("S&top") : tr("S&tart"));
    m_ui->startButton->setToolTip(bound ? tr("Close the socket and free the port.")
                                        : tr("Bind the socket and start receiving."));
    m_ui->localAddressCombo->setEnabled(!bound);
    m_ui->localPortSpin->setEnabled(!bound);
    m_ui->boundLabel->setText(bound ? tr("Bound to %1").arg(m_session->localEndpoint().toString())
                                    : tr("Not bound: sending binds a free port"));
    Q_EMIT statusChanged();
}

QString UdpTab::title() const
{
    const Endpoint local = m_session->localEndpoint();
    return local.isNull() ? m_sessionName : m_sessionName + u" :" + QString::number(local.port);
}

QString UdpTab::statusText() const
{
    const QLocale locale;
    const SessionLog::Counters &c = m_log->counters();
    const QString state = m_session->isBound()
            ? tr("UDP bound to %1").arg(m_session->localEndpoint().toString())
            : tr("UDP not bound");
    return tr("%1 · received %2 (%3 bytes) · sent %4 (%5 bytes) · errors %6")
            .arg(state, locale.toString(c.receivedMessages), locale.toString(c.receivedBytes),
                 locale.toString(c.sentMessages), locale.toString(c.sentBytes),
                 locale.toString(c.errors));
}
