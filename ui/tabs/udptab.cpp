#include "tabs/udptab.h"

#include "teach/lesson.h"
#include "ui_udptab.h"

#include "compose/messagecomposer.h"
#include "log/sessionlog.h"
#include "net/localreach.h"
#include "net/networkchoices.h"
#include "net/udpsession.h"
#include "widgets/combovalue.h"
#include "widgets/faultcontrols.h"
#include "widgets/keyedcombo.h"

#include <QShortcut>
#include <QStyle>
#include <QStyleOptionGroupBox>

UdpTab::UdpTab(const Context &context, QWidget *parent)
    : KindTab(context, ControlsHeight::Fixed, parent)
    , m_localPort(m_ui->localPortSpin)
{
    fillChoices();
    loadControls();

    connect(m_ui->startButton, &QPushButton::clicked, this, &UdpTab::toggleStart);
    connect(m_ui->replyButton, &QPushButton::clicked, this, &UdpTab::replyToLastSender);
    connect(m_ui->joinButton, &QPushButton::clicked, this, &UdpTab::joinGroup);
    connect(m_ui->leaveButton, &QPushButton::clicked, this, &UdpTab::leaveGroup);
    connect(m_ui->readLimitSpin, &QSpinBox::valueChanged, this, [this](int limit) {
        session()->setReadLimit(limit);
        saveSettings();
    });
    connect(m_ui->autoReplyCombo, &QComboBox::currentIndexChanged, this, [this] {
        session()->setAutoReply(KeyedCombo::value<AutoReply>(m_ui->autoReplyCombo));
        saveSettings();
    });
    // Few need multicast: its fields fold away under the box's title, as the user left them.
    connect(m_ui->multicastGroup, &QGroupBox::toggled, this, [this](bool shown) {
        showMulticast(shown);
        saveSettings();
    });
    setFaultControls(m_ui->faultControls,
                     [this](const FaultSpec &spec) { session()->setFaults(spec); });
    connect(session(), &Session::stateChanged, this, &UdpTab::updateState);
    connect(session(), &Session::errorOccurred, this, &UdpTab::updateState); // failure()
    connect(session(), &UdpSession::sendFailed, composer(), &MessageComposer::showSendFailure);
    connect(m_ui->localAddressCombo, &QComboBox::currentTextChanged, this,
            &UdpTab::updateEmptyHint);
    connect(m_ui->localPortSpin, &QSpinBox::valueChanged, this, &UdpTab::updateEmptyHint);
    connect(m_ui->remoteHostCombo, &QComboBox::currentTextChanged, this, &UdpTab::updateEmptyHint);
    connect(m_ui->remotePortSpin, &QSpinBox::valueChanged, this, &UdpTab::updateEmptyHint);
    auto *reply = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_R), this);
    connect(reply, &QShortcut::activated, this, &UdpTab::replyToLastSender);
    reply->setWhatsThis(tr("Reply to the last sender")); // for Help → Keyboard Shortcuts
    updateState();
    updateEmptyHint();
}

UdpTab::~UdpTab() = default;

void UdpTab::fillChoices()
{
    for (const NetworkChoices::Choice &choice : NetworkChoices::localAddresses())
        m_ui->localAddressCombo->addItem(choice.label, choice.value);
    for (const NetworkChoices::Choice &choice : NetworkChoices::destinations())
        m_ui->remoteHostCombo->addItem(choice.label, choice.value);
    for (const QNetworkInterface &interface : NetworkChoices::multicastInterfaces())
        m_ui->interfaceCombo->addItem(interface.humanReadableName(), interface.name());
    // No Relay: UDP has no clients to relay between.
    addAutoReplies(m_ui->autoReplyCombo,
                   { AutoReply::None, AutoReply::Echo, AutoReply::Timestamp });
}

void UdpTab::loadControls()
{
    const Settings::Group saved = settings();
    setComboValue(m_ui->localAddressCombo, saved.text(u"localAddress")); // empty: every address
    m_ui->localPortSpin->setValue(saved.port(u"localPort", 0));
    m_ui->readLimitSpin->setValue(saved.number(u"readLimit", 0, 0, UdpSession::MaxReadLimit));
    session()->setReadLimit(m_ui->readLimitSpin->value());
    setComboValue(m_ui->remoteHostCombo, saved.text(u"remoteHost", defaultHost()));
    m_ui->remotePortSpin->setValue(saved.port(u"remotePort", DefaultPort));
    KeyedCombo::setValue(m_ui->autoReplyCombo, saved.choice<AutoReply>(u"autoReply"));
    session()->setAutoReply(KeyedCombo::value<AutoReply>(m_ui->autoReplyCombo));
    m_ui->groupEdit->setText(saved.text(u"multicastGroup", QStringLiteral("239.255.0.1")));
    m_ui->multicastGroup->setChecked(saved.flag(u"multicastShown", false));
    showMulticast(m_ui->multicastGroup->isChecked());
}

void UdpTab::saveControls(Settings::Group &settings)
{
    settings.setValue(u"localAddress", comboValue(m_ui->localAddressCombo));
    settings.setValue(u"localPort", m_localPort.asked());
    settings.setValue(u"readLimit", m_ui->readLimitSpin->value());
    settings.setValue(u"remoteHost", comboValue(m_ui->remoteHostCombo));
    settings.setValue(u"remotePort", m_ui->remotePortSpin->value());
    settings.setChoice(u"autoReply", KeyedCombo::value<AutoReply>(m_ui->autoReplyCombo));
    settings.setValue(u"multicastGroup", m_ui->groupEdit->text().trimmed());
    settings.setValue(u"multicastShown", m_ui->multicastGroup->isChecked());
}

void UdpTab::setDestination(const HostPort &destination)
{
    setComboValue(m_ui->remoteHostCombo, destination.host);
    m_ui->remotePortSpin->setValue(destination.port);
}

void UdpTab::setAutoReply(AutoReply mode)
{
    KeyedCombo::setValue(m_ui->autoReplyCombo, mode); // Relay is not offered: None
}

void UdpTab::setFaults(const FaultSpec &spec)
{
    m_ui->faultControls->setSpec(spec);
}

bool UdpTab::bindTo(const HostPort &local)
{
    setComboValue(m_ui->localAddressCombo, local.host);
    m_ui->localPortSpin->setValue(local.port);
    start();
    return session()->isBound();
}

QNetworkInterface UdpTab::selectedInterface() const
{
    return QNetworkInterface::interfaceFromName(m_ui->interfaceCombo->currentData().toString());
}

void UdpTab::toggleStart()
{
    if (session()->isBound())
        session()->close();
    else
        start();
}

void UdpTab::start()
{
    const QString address = comboValue(m_ui->localAddressCombo);
    const auto port = quint16(m_localPort.asked());
    if (address.isEmpty())
        session()->bind(QHostAddress(QHostAddress::Any), port);
    else
        session()->bind(address, port);
    saveSettings();
}

bool UdpTab::send(const QByteArray &payload)
{
    const QString host = destinationHost();
    return !host.isEmpty()
        && session()->send(payload, host, quint16(m_ui->remotePortSpin->value()));
}

bool UdpTab::sendFile(const QString &path)
{
    const QString host = destinationHost();
    return !host.isEmpty()
        && session()->sendFile(path, host, quint16(m_ui->remotePortSpin->value()));
}

// The host under "Send to"; empty after saying that there is none.
QString UdpTab::destinationHost()
{
    const QString host = comboValue(m_ui->remoteHostCombo);
    if (host.isEmpty()) {
        sessionLog()->addEvent(Direction::Error,
                               tr("Nothing was sent: there is no destination host. Type a host "
                                  "name or address under \"Send to\", e.g. 127.0.0.1."));
    }
    return host;
}

void UdpTab::replyToLastSender()
{
    if (const std::optional<QByteArray> payload = composer()->takePayload())
        sendComposed([this, &payload] { return session()->replyToLastSender(*payload); });
}

void UdpTab::joinGroup()
{
    const QHostAddress group(m_ui->groupEdit->text().trimmed());
    if (group.isNull()) {
        sessionLog()->addEvent(Direction::Error,
                               tr("\"%1\" is not an IP address. Type a multicast group such as "
                                  "239.255.0.1 or ff02::1:3.")
                                   .arg(m_ui->groupEdit->text().trimmed()));
        return;
    }
    session()->joinMulticastGroup(group, selectedInterface());
    saveSettings();
}

void UdpTab::leaveGroup()
{
    const QHostAddress group(m_ui->groupEdit->text().trimmed());
    session()->leaveMulticastGroup(group, selectedInterface());
}

void UdpTab::updateState()
{
    const bool bound = session()->isBound();
    m_ui->startButton->setText(bound ? tr("S&top") : tr("S&tart"));
    m_ui->startButton->setToolTip(bound ? tr("Close the socket and free the port.")
                                        : tr("Bind the socket and start receiving."));
    m_ui->localAddressCombo->setEnabled(!bound);
    m_ui->localPortSpin->setEnabled(!bound);
    if (bound)
        m_localPort.show(session()->localEndpoint().port);
    else
        m_localPort.release();
    m_ui->boundLabel->setText(bound ? tr("Bound to %1").arg(session()->localEndpoint().inWords())
                                  : session()->failure().isEmpty()
                                  ? tr("Not bound: sending binds a free port")
                                  : tr("Not bound: %1").arg(session()->failure()));
}

QString UdpTab::stateText() const
{
    if (session()->isBound())
        return withFaults(tr("UDP bound to %1").arg(session()->localEndpoint().inWords()));
    return session()->failure().isEmpty() ? tr("UDP not bound")
                                          : tr("UDP not bound: %1").arg(session()->failure());
}

QString UdpTab::emptyLogHint() const
{
    const QString host = LocalReach::hostFor(comboValue(m_ui->localAddressCombo));
    if (session()->isBound()) {
        const Endpoint local = session()->localEndpoint();
        return tr("Bound to %1. Send a datagram from another program, e.g.\n%2")
            .arg(local.inWords(), LocalReach::client(Transport::Udp, host, local.port));
    }
    const QString destination = LocalReach::hostPort(comboValue(m_ui->remoteHostCombo),
                                                     quint16(m_ui->remotePortSpin->value()));
    const auto port = quint16(m_ui->localPortSpin->value());
    if (port == 0) {
        return tr("Start binds a port the system chooses and shows every datagram that arrives "
                  "there.\nOr type a message in the box above and press Enter to send it to %1.")
            .arg(destination);
    }
    return tr("Start binds port %1 and shows every datagram that arrives; then send one from "
              "another program, e.g.\n%2\nOr type a message in the box above and press Enter to "
              "send it "
              "to %3.")
        .arg(QString::number(port), LocalReach::client(Transport::Udp, host, port), destination);
}

void UdpTab::describe(SessionSetup &setup) const
{
    setup.localAddress = comboValue(m_ui->localAddressCombo);
    setup.localPort = session()->isBound() ? session()->localEndpoint().port
                                           : quint16(m_ui->localPortSpin->value());
    setup.remoteHost = comboValue(m_ui->remoteHostCombo);
    setup.remotePort = quint16(m_ui->remotePortSpin->value());
    setup.autoReply = KeyedCombo::value<AutoReply>(m_ui->autoReplyCombo);
    setup.readLimit = session()->readLimit();
}

void UdpTab::offerFreePorts()
{
    offerFreePort(m_ui->localPortSpin, Transport::Udp,
                  probeAddress(comboValue(m_ui->localAddressCombo)));
}

// Folded, the box is its title alone: no empty frame under it.
void UdpTab::showMulticast(bool shown)
{
    if (m_multicastMargins.isNull())
        m_multicastMargins = m_ui->multicastLayout->contentsMargins();
    m_ui->multicastFields->setVisible(shown);
    m_ui->multicastGroup->setFlat(!shown);
    m_ui->multicastLayout->setContentsMargins(shown ? m_multicastMargins : QMargins());
    // A flat box still draws its frame's line under the title: folded, the title is all.
    QStyleOptionGroupBox title;
    title.initFrom(m_ui->multicastGroup);
    title.subControls = QStyle::SC_GroupBoxCheckBox | QStyle::SC_GroupBoxLabel;
    title.text = m_ui->multicastGroup->title();
    title.features = QStyleOptionFrame::Flat;
    const QStyle *style = m_ui->multicastGroup->style();
    const auto part = [&](QStyle::SubControl control) {
        return style->subControlRect(QStyle::CC_GroupBox, &title, control, m_ui->multicastGroup);
    };
    const int titleHeight
        = part(QStyle::SC_GroupBoxCheckBox).united(part(QStyle::SC_GroupBoxLabel)).bottom() + 1;
    m_ui->multicastGroup->setMaximumHeight(shown ? QWIDGETSIZE_MAX : titleHeight);
}

void UdpTab::adoptLesson(const Lesson &lesson, quint16 port)
{
    setComboValue(m_ui->localAddressCombo, {});
    // A lesson's UDP client sends first: sending binds a port the system chooses.
    m_ui->localPortSpin->setValue(lesson.destination ? 0 : port);
    if (lesson.destination)
        setDestination(HostPort { QStringLiteral("127.0.0.1"), port });
    setAutoReply(lesson.autoReply);
    m_ui->readLimitSpin->setValue(int(lesson.readLimit));
    setFaults(lesson.fault);
}

KernelPanel::Target UdpTab::kernelTarget() const
{
    return KernelPanel::Target { Transport::Udp,
                                 session()->socketDescriptor(),
                                 session()->localEndpoint(),
                                 {},
                                 tr("Start the socket to see what the kernel holds for it.") };
}
