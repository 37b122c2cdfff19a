#include "tabs/tcpclienttab.h"

#include "teach/lesson.h"
#include "ui_tcpclienttab.h"

#include "compose/messagecomposer.h"
#include "log/sessionlog.h"
#include "net/localreach.h"
#include "net/networkchoices.h"
#include "net/tcpclientsession.h"
#include "text/durationtext.h"
#include "widgets/combovalue.h"
#include "widgets/palette.h"
#include "text/pluralcount.h"

#include <QLocale>

TcpClientTab::TcpClientTab(const Context &context, QWidget *parent)
    : KindTab(context, ControlsHeight::Fixed, parent)
    , m_localPort(m_ui->localPortSpin)
{
    m_stepTicker.setInterval(100);
    connect(&m_stepTicker, &QTimer::timeout, this, &TcpClientTab::updateLifeStrip);
    for (const NetworkChoices::Choice &choice : NetworkChoices::destinations())
        m_ui->hostCombo->addItem(choice.label, choice.value);
    m_ui->timeoutSpin->setRange(TcpClientSession::MinConnectTimeoutMs / 1000.0,
                                TcpClientSession::MaxConnectTimeoutMs / 1000.0);
    loadControls();

    connect(m_ui->connectButton, &QPushButton::clicked, this, &TcpClientTab::toggleConnection);
    connect(m_ui->abortButton, &QPushButton::clicked, session(), &TcpClientSession::abort);
    connect(m_ui->pauseReadingButton, &QPushButton::clicked, session(),
            &TcpClientSession::setReadingPaused);
    connect(session(), &Session::readingPausedChanged, this, &TcpClientTab::updateControls);
    connect(session(), &Session::readingPausedChanged, this, &SessionTab::statusChanged);
    connect(m_ui->framingPicker, &FramingPicker::framerChanged, this,
            [this](const StreamFramer &framer) {
                session()->setFramer(framer);
                saveSettings();
            });
    connect(session(), &Session::stateChanged, this, &TcpClientTab::stateChanged);
    connect(m_ui->hostCombo, &QComboBox::currentTextChanged, this, &TcpClientTab::updateEmptyHint);
    connect(m_ui->portSpin, &QSpinBox::valueChanged, this, &TcpClientTab::updateEmptyHint);
    connect(session(), &TcpClientSession::writeProgress, this, &TcpClientTab::showWriteProgress);
    reserveRoom();
    updateControls();
    updateLifeStrip();
    updateEmptyHint();
}

TcpClientTab::~TcpClientTab() = default;

// The strip, the buttons, the progress bar and its words get the room their longest state
// needs, so that nothing moves while a connection lives and writes.
void TcpClientTab::reserveRoom()
{
    const QString step = u" <small>" + durationText(1'200).toHtmlEscaped() + u"…</small>";
    m_ui->lifeStrip->setText(QStringList { tr("Looking up"), tr("Connecting"), tr("Connected"),
                                           tr("Closing") }
                                     .join(step + u" → ")
                             + step + u" → <b>" + tr("Closed") + u"</b>");
    m_ui->lifeStrip->setFixedSize(m_ui->lifeStrip->sizeHint());
    const QFontMetrics metrics = m_ui->connectButton->fontMetrics();
    m_ui->connectButton->setMinimumWidth(
            m_ui->connectButton->sizeHint().width()
            + std::max(0, metrics.horizontalAdvance(tr("Disconnect"))
                                  - metrics.horizontalAdvance(tr("Connect"))));
    m_ui->inFlightLabel->setMinimumWidth(m_ui->inFlightLabel->fontMetrics().horizontalAdvance(
            tr("All %1 bytes written").arg(QLocale().toString(qint64(999'999'999'999)))));
    QSizePolicy policy = m_ui->sendProgress->sizePolicy();
    policy.setRetainSizeWhenHidden(true);
    m_ui->sendProgress->setSizePolicy(policy);
}

void TcpClientTab::loadControls()
{
    const Settings::Group saved = settings();
    setComboValue(m_ui->hostCombo, saved.text(u"host", defaultHost()));
    m_ui->portSpin->setValue(saved.port(u"port", DefaultPort));
    m_ui->localPortSpin->setValue(saved.port(u"localPort", 0)); // 0: the system chooses
    m_ui->timeoutSpin->setValue(saved.number(u"connectTimeout",
                                             TcpClientSession::DefaultConnectTimeoutMs,
                                             TcpClientSession::MinConnectTimeoutMs,
                                             TcpClientSession::MaxConnectTimeoutMs)
                                / 1000.0);
    m_ui->framingPicker->load(saved);
    session()->setFramer(m_ui->framingPicker->framer());
}

void TcpClientTab::saveControls(Settings::Group &settings)
{
    settings.setValue(u"host", comboValue(m_ui->hostCombo));
    settings.setValue(u"port", m_ui->portSpin->value());
    settings.setValue(u"localPort", m_localPort.asked());
    settings.setValue(u"connectTimeout", int(m_ui->timeoutSpin->value() * 1000));
    m_ui->framingPicker->save(settings);
}

bool TcpClientTab::connectTo(const HostPort &server)
{
    setComboValue(m_ui->hostCombo, server.host);
    m_ui->portSpin->setValue(server.port);
    connectToServer();
    return session()->state() != State::Closed;
}

void TcpClientTab::toggleConnection()
{
    if (session()->state() == State::Closed)
        connectToServer();
    else
        session()->disconnectFromHost();
}

void TcpClientTab::connectToServer()
{
    const QString host = comboValue(m_ui->hostCombo);
    if (host.isEmpty()) {
        sessionLog()->addEvent(Direction::Error,
                        tr("Cannot connect: there is no host. Type a host name or address, "
                           "e.g. 127.0.0.1 or localhost."));
        return;
    }
    session()->setConnectTimeout(int(m_ui->timeoutSpin->value() * 1000));
    session()->connectToHost(host, quint16(m_ui->portSpin->value()),
                             quint16(m_localPort.asked()));
    saveSettings();
}

bool TcpClientTab::send(const QByteArray &payload)
{
    return session()->send(payload);
}

bool TcpClientTab::sendFile(const QString &path)
{
    return session()->sendFile(path);
}

void TcpClientTab::stateChanged(State state, qint64 previousStateMs)
{
    if (m_lastState == State::Closed)
        m_stepMs.clear(); // a new attempt starts a new strip
    else
        m_stepMs.insert(m_lastState, previousStateMs);
    m_lastState = state;
    m_stepClock.start();
    if (state == State::LookingUp || state == State::Connecting || state == State::Closing)
        m_stepTicker.start();
    else
        m_stepTicker.stop();
    if (state == State::Closed)
        composer()->stopRepeating();
    if (state == State::Connected) {
        m_ui->sendProgress->hide(); // until the first send
        m_ui->inFlightLabel->setText(tr("Nothing sent yet"));
    }
    updateControls();
    updateLifeStrip();
}

void TcpClientTab::showWriteProgress(qint64 written, qint64 inFlight)
{
    // Progress bars hold ints; show the fraction in thousandths.
    const qint64 total = written + inFlight;
    m_ui->sendProgress->show();
    m_ui->sendProgress->setRange(0, 1000);
    m_ui->sendProgress->setValue(total > 0 ? int(written * 1000 / total) : 1000);
    const QLocale locale;
    m_ui->inFlightLabel->setText(inFlight > 0
                                         ? tr("%1 bytes in flight", nullptr,
                                              pluralCount(quint64(inFlight)))
                                                   .arg(locale.toString(inFlight))
                                         : tr("All %1 bytes written", nullptr,
                                              pluralCount(quint64(written)))
                                                   .arg(locale.toString(written)));
}

void TcpClientTab::updateControls()
{
    const State state = session()->state();
    const bool closed = state == State::Closed;
    m_ui->connectButton->setText(closed ? tr("&Connect") : tr("Dis&connect"));
    m_ui->connectButton->setToolTip(closed ? tr("Look the host up and connect (SYN).")
                                           : tr("Close gracefully (FIN) once everything queued "
                                                "is written."));
    m_ui->abortButton->setEnabled(!closed);
    // A new connection reads: the pause was the last one's.
    m_ui->pauseReadingButton->setEnabled(state == State::Connected);
    m_ui->pauseReadingButton->setChecked(session()->isReadingPaused());
    for (QWidget *w : { static_cast<QWidget *>(m_ui->hostCombo),
                        static_cast<QWidget *>(m_ui->portSpin),
                        static_cast<QWidget *>(m_ui->localPortSpin),
                        static_cast<QWidget *>(m_ui->timeoutSpin) })
        w->setEnabled(closed);
    if (closed) {
        m_ui->sendProgress->hide();
        m_ui->inFlightLabel->clear();
    }
    if (state == State::Connected)
        m_localPort.show(session()->localEndpoint().port);
    else if (closed)
        m_localPort.release();
}

void TcpClientTab::updateLifeStrip()
{
    // In the order a connection lives them: Closed comes last.
    const std::pair<State, QString> order[] = {
        { State::LookingUp, tr("Looking up") }, { State::Connecting, tr("Connecting") },
        { State::Connected, tr("Connected") }, { State::Closing, tr("Closing") },
        { State::Closed, tr("Closed") },
    };
    QStringList steps;
    const bool started = !m_stepMs.isEmpty() || m_lastState != State::Closed;
    for (const auto &[step, label] : order) {
        const QString name = label.toHtmlEscaped();
        if (started && step == m_lastState && m_stepTicker.isActive())
            steps << u"<b>" + name + u"</b> <small>"
                            + durationText(m_stepClock.elapsed()).toHtmlEscaped() + u"…</small>";
        else if (started && step == m_lastState)
            steps << u"<b>" + name + u"</b>";
        else if (m_stepMs.contains(step))
            steps << name + u" <small>" + durationText(m_stepMs.value(step)).toHtmlEscaped()
                            + u"</small>";
        else
            steps << u"<span style=\"color:" + Palette::notYet().name() + u"\">" + name
                            + u"</span>";
    }
    QString strip = steps.join(u" → ");
    if (m_lastState == State::Closed && !session()->failure().isEmpty())
        strip += u": " + session()->failure().toHtmlEscaped();
    m_ui->lifeStrip->setText(strip);
}

QString TcpClientTab::stateText() const
{
    switch (session()->state()) {
    case State::LookingUp: return tr("Looking up %1").arg(session()->host());
    case State::Connecting: return tr("Connecting to %1").arg(session()->host());
    case State::Connected:
        return (session()->isReadingPaused() ? tr("Connected to %1 from %2, reading paused")
                                             : tr("Connected to %1 from %2"))
                .arg(session()->peerEndpoint().toString(), session()->localEndpoint().toString());
    case State::Closing: return tr("Closing");
    default:
        return session()->failure().isEmpty()
                ? tr("TCP client not connected")
                : tr("TCP client not connected: %1").arg(session()->failure());
    }
}

QString TcpClientTab::titleDetail() const
{
    return u" → " + session()->host() + u':' + QString::number(session()->port());
}

QString TcpClientTab::emptyLogHint() const
{
    const QString host = comboValue(m_ui->hostCombo);
    const auto port = quint16(m_ui->portSpin->value());
    const QString server = LocalReach::hostPort(host, port);
    if (session()->state() != Session::State::Closed)
        return {};
    const QHostAddress address(host);
    const bool here = host.compare(u"localhost", Qt::CaseInsensitive) == 0 || address.isLoopback();
    if (!here)
        return tr("Connect opens a TCP connection to %1, where a server must be listening.")
                .arg(server);
    return tr("Connect opens a TCP connection to %1. Nothing listening there yet? Start a server "
              "first in another program, e.g.\n%2\nor listen on port %3 in the TCP Server tab.")
            .arg(server, LocalReach::server(port), QString::number(port));
}

void TcpClientTab::describe(SessionSetup &setup) const
{
    setup.remoteHost = comboValue(m_ui->hostCombo);
    setup.remotePort = quint16(m_ui->portSpin->value());
    const StreamFramer framer = m_ui->framingPicker->framer();
    setup.framing = framer.framing();
    setup.delimiter = framer.delimiter();
}

void TcpClientTab::offerFreePorts()
{
    offerFreePort(m_ui->localPortSpin, Transport::Tcp, QHostAddress(QHostAddress::Any));
}

void TcpClientTab::adoptLesson(const Lesson &, quint16 port)
{
    setComboValue(m_ui->hostCombo, QStringLiteral("127.0.0.1"));
    m_ui->portSpin->setValue(port);
}

KernelPanel::Target TcpClientTab::kernelTarget() const
{
    return connectionTarget(session()->connection(),
                            tr("Connect to see the connection as the kernel sees it."));
}
