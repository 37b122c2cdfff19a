#include "tcpclienttab.h"
#include "ui_tcpclienttab.h"

#include "combovalue.h"
#include "commandline.h"
#include "durationtext.h"
#include "logmodel.h"
#include "networkchoices.h"
#include "sessionlog.h"
#include "settings.h"

#include <QLocale>

using State = TcpClientSession::State;

namespace {

const QString SessionKind = QStringLiteral("tcpClient");

} // namespace

TcpClientTab::TcpClientTab(Settings &settings, Recorder *recorder, const QString &sessionName,
                           QWidget *parent)
    : SessionTab(parent)
    , m_ui(std::make_unique<Ui::TcpClientTab>())
    , m_settings(settings)
    , m_sessionName(sessionName)
    , m_session(new TcpClientSession(this))
    , m_log(new SessionLog(sessionName, Transport::Tcp, this))
{
    m_ui->setupUi(this);
    m_stepMs.fill(-1);
    m_stepTicker.setInterval(100);
    connect(&m_stepTicker, &QTimer::timeout, this, &TcpClientTab::updateLifeStrip);
    m_log->setRecorder(recorder);
    m_log->attach(m_session);
    m_ui->logView->setSessionLog(m_log);
    for (const NetworkChoices::Choice &choice : NetworkChoices::destinations())
        m_ui->hostCombo->addItem(choice.label, choice.value);
    loadSettings();

    connect(m_ui->connectButton, &QPushButton::clicked, this, &TcpClientTab::toggleConnection);
    connect(m_ui->abortButton, &QPushButton::clicked, m_session, &TcpClientSession::abort);
    connect(m_ui->composer, &MessageComposer::sendRequested, this, &TcpClientTab::send);
    connect(m_ui->composer, &MessageComposer::profileChanged, this, &TcpClientTab::saveSettings);
    connect(m_ui->logView, &LogView::chatViewChanged, this, &TcpClientTab::saveSettings);
    connect(m_ui->framingPicker, &FramingPicker::framerChanged, this,
            [this](const StreamFramer &framer) {
                m_session->setFramer(framer);
                saveSettings();
            });
    connect(m_session, &TcpClientSession::stateChanged, this, &TcpClientTab::stateChanged);
    connect(m_session, &TcpClientSession::connectionOpened, this,
            &TcpClientTab::connectionOpened);
    connect(m_log->model(), &QAbstractItemModel::rowsInserted, this, &SessionTab::statusChanged);
    updateControls();
    updateLifeStrip();
}

TcpClientTab::~TcpClientTab() = default;

LogView *TcpClientTab::logView() const
{
    return m_ui->logView;
}

MessageComposer *TcpClientTab::composer() const
{
    return m_ui->composer;
}

void TcpClientTab::loadSettings()
{
    const Settings::TcpClient client = m_settings.tcpClient();
    setComboValue(m_ui->hostCombo, client.host);
    m_ui->portSpin->setValue(client.port);
    m_ui->localPortSpin->setValue(client.localPort);
    m_ui->timeoutSpin->setValue(client.connectTimeoutMs / 1000.0);
    m_ui->framingPicker->setChoice(client.framing);
    m_session->setFramer(m_ui->framingPicker->framer());
    m_ui->composer->setProfile(m_settings.composer(SessionKind));
    m_ui->logView->setChatView(m_settings.chatView(SessionKind));
}

void TcpClientTab::saveSettings()
{
    Settings::TcpClient client;
    client.host = comboValue(m_ui->hostCombo);
    client.port = quint16(m_ui->portSpin->value());
    client.localPort = quint16(m_ui->localPortSpin->value());
    client.connectTimeoutMs = int(m_ui->timeoutSpin->value() * 1000);
    client.framing = m_ui->framingPicker->choice();
    m_settings.setTcpClient(client);
    m_settings.setComposer(SessionKind, m_ui->composer->profile());
    m_settings.setChatView(SessionKind, m_ui->logView->isChatView());
}

void TcpClientTab::applyLaunchOptions(const LaunchOptions &options)
{
    if (!options.tcpClient)
        return;
    setComboValue(m_ui->hostCombo, options.tcpClient->host);
    m_ui->portSpin->setValue(options.tcpClient->port);
    connectToServer();
}

void TcpClientTab::toggleConnection()
{
    if (m_session->state() == State::Closed)
        connectToServer();
    else
        m_session->disconnectFromHost();
}

void TcpClientTab::connectToServer()
{
    const QString host = comboValue(m_ui->hostCombo);
    if (host.isEmpty()) {
        m_log->addEvent(Direction::Error,
                        tr("Cannot connect: there is no host. Type a host name or address, "
                           "e.g. 127.0.0.1 or localhost."));
        return;
    }
    m_session->setConnectTimeout(int(m_ui->timeoutSpin->value() * 1000));
    m_session->connectToHost(host, quint16(m_ui->portSpin->value()),
                             quint16(m_ui->localPortSpin->value()));
    saveSettings();
}

void TcpClientTab::send(const QByteArray &payload)
{
    if (!m_session->send(payload))
        m_ui->composer->stopRepeating();
}

void TcpClientTab::stateChanged(State state, qint64 previousStateMs)
{
    if (m_lastState == State::Closed)
        m_stepMs.fill(-1); // a new attempt starts a new strip
    else
        m_stepMs[std::size_t(m_lastState)] = previousStateMs;
    m_lastState = state;
    m_stepClock.start();
    if (state == State::LookingUp || state == State::Connecting || state == State::Closing)
        m_stepTicker.start();
    else
        m_stepTicker.stop();
    if (state == State::Closed)
        m_ui->composer->stopRepeating();
    updateControls();
    updateLifeStrip();
    Q_EMIT statusChanged();
}

void TcpClientTab::connectionOpened(TcpConnection *connection)
{
    m_ui->sendProgress->hide(); // until the first send
    m_ui->inFlightLabel->setText(tr("Nothing sent yet"));
    connect(connection, &TcpConnection::writeProgress, this, &TcpClientTab::showWriteProgress);
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
                                         ? tr("%1 bytes in flight").arg(locale.toString(inFlight))
                                         : tr("All %1 bytes written").arg(locale.toString(written)));
}

void TcpClientTab::updateControls()
{
    const State state = m_session->state();
    const bool closed = state == State::Closed;
    m_ui->connectButton->setText(closed ? tr("&Connect") : tr("Dis&connect"));
    m_ui->connectButton->setToolTip(closed ? tr("Look the host up and connect (SYN).")
                                           : tr("Close gracefully (FIN) once everything queued "
                                                "is written."));
    m_ui->abortButton->setEnabled(!closed);
    for (QWidget *w : { static_cast<QWidget *>(m_ui->hostCombo),
                        static_cast<QWidget *>(m_ui->portSpin),
                        static_cast<QWidget *>(m_ui->localPortSpin),
                        static_cast<QWidget *>(m_ui->timeoutSpin) })
        w->setEnabled(closed);
    if (closed) {
        m_ui->sendProgress->hide();
        m_ui->inFlightLabel->clear();
    }
}

void TcpClientTab::updateLifeStrip()
{
    const QStringList names { tr("Closed"), tr("Looking up"), tr("Connecting"), tr("Connected"),
                              tr("Closing") };
    // In the order a connection lives them: Closed comes last.
    const State order[] = { State::LookingUp, State::Connecting, State::Connected, State::Closing,
                            State::Closed };
    QStringList steps;
    const bool started = std::any_of(m_stepMs.cbegin(), m_stepMs.cend(),
                                     [](qint64 ms) { return ms >= 0; })
            || m_lastState != State::Closed;
    for (State step : order) {
        const qint64 ms = m_stepMs[std::size_t(step)];
        const QString name = names.at(int(step)).toHtmlEscaped();
        if (started && step == m_lastState && m_stepTicker.isActive())
            steps << u"<b>" + name + u"</b> <small>"
                            + durationText(m_stepClock.elapsed()).toHtmlEscaped() + u"…</small>";
        else if (started && step == m_lastState)
            steps << u"<b>" + name + u"</b>";
        else if (ms >= 0)
            steps << name + u" <small>" + durationText(ms).toHtmlEscaped() + u"</small>";
        else
            steps << u"<span style=\"color:gray\">" + name + u"</span>";
    }
    m_ui->lifeStrip->setText(steps.join(u" → "));
}

QString TcpClientTab::statusText() const
{
    QString state;
    switch (m_session->state()) {
    case State::Closed: state = tr("TCP client not connected"); break;
    case State::LookingUp: state = tr("Looking up %1").arg(m_session->host()); break;
    case State::Connecting: state = tr("Connecting to %1").arg(m_session->host()); break;
    case State::Connected:
        state = tr("Connected to %1 from %2")
                        .arg(m_session->peerEndpoint().toString(),
                             m_session->localEndpoint().toString());
        break;
    case State::Closing: state = tr("Closing"); break;
    }
    return streamStatusText(state);
}

QString TcpClientTab::title() const
{
    if (m_session->state() == State::Closed)
        return m_sessionName;
    return m_sessionName + u" → " + m_session->host() + u':' + QString::number(m_session->port());
}
