#include "tabs/sessiontab.h"

#include "compose/messagecomposer.h"
#include "dialogs/cutoffquestion.h"
#include "log/logmodel.h"
#include "log/logview.h"
#include "log/recorder.h"
#include "log/sessionlog.h"
#include "net/nativesocket.h"
#include "net/session.h"
#include "net/tcpconnection.h"
#include "text/bytestext.h"
#include "text/pluralcount.h"
#include "widgets/faultcontrols.h"
#include "widgets/keyedcombo.h"

#include <QLocale>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

SessionTab::SessionTab(const Context &context, Session *session, QWidget *parent)
    : QWidget(parent)
    , m_settings(context.settings)
    , m_settingsGroup(context.settingsGroup)
    , m_name(context.name)
    , m_session(session)
    , m_log(new SessionLog(context.name, session->transport(), this))
{
    setObjectName(context.settingsGroup + u"Tab");
    m_session->setParent(this);
    m_log->setRecorder(context.recorder);
    if (context.recorder) {
        // A recording that falls behind its disk holds the traffic back rather than memory.
        connect(context.recorder, &Recorder::behindChanged, m_session, &Session::setThrottled);
        m_session->setThrottled(context.recorder->isBehind());
    }
    m_log->attach(m_session);
    connect(m_session, &Session::stateChanged, this, &SessionTab::statusChanged);
    connect(m_session, &Session::stateChanged, this, &SessionTab::updateEmptyHint);
    // The counters change with every row; told a few times a second, they stay readable and
    // a flood does not relayout the window for each batch.
    m_countersTimer.setSingleShot(true);
    m_countersTimer.setInterval(CountersIntervalMs);
    connect(&m_countersTimer, &QTimer::timeout, this, &SessionTab::statusChanged);
    connect(m_log->model(), &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_countersTimer.isActive())
            m_countersTimer.start();
    });
    // Made without a parent until setControls() puts them in: a widget that joins its window
    // last is last in the Tab order, after the controls. Every Alt+letter of a tab and the menu
    // bar is its own (tst_MainWindow::mnemonicsAreUnique).
    m_composer = new MessageComposer;
    m_composer->setObjectName(QStringLiteral("composer"));
    m_logView = new LogView;
    m_logView->setObjectName(QStringLiteral("logView"));
    m_logView->setSessionLog(m_log);
    setLogLimits(m_settings.logLimits());
}

void SessionTab::setLogLimits(const Settings::LogLimits &limits)
{
    m_log->model()->setCapacity(limits.rows);
    m_log->model()->setPayloadBudget(limits.payloadBytes());
}

SessionTab::~SessionTab()
{
    // Only when setControls() never adopted them.
    if (!m_composer->parent())
        delete m_composer;
    if (!m_logView->parent())
        delete m_logView;
}

void SessionTab::setControls(QWidget *controls, ControlsHeight height)
{
    Q_ASSERT(!m_composer->parent());
    auto *traffic = new QWidget(this);
    m_traffic = traffic;
    auto *trafficLayout = new QVBoxLayout(traffic);
    trafficLayout->setContentsMargins(0, 0, 0, 0);
    trafficLayout->addWidget(m_composer);
    trafficLayout->addWidget(m_logView, 1);
    addKernelView(trafficLayout);

    auto *layout = new QVBoxLayout(this);
    if (height == ControlsHeight::Shared) {
        auto *splitter = new QSplitter(Qt::Vertical, this);
        splitter->setObjectName(QStringLiteral("controlsSplitter"));
        splitter->setChildrenCollapsible(false);
        splitter->addWidget(controls);
        splitter->addWidget(traffic);
        splitter->setStretchFactor(0, 1);
        splitter->setStretchFactor(1, 3);
        layout->addWidget(splitter);
    } else {
        layout->addWidget(controls);
        layout->addWidget(traffic, 1);
    }
    controls->layout()->setContentsMargins(0, 0, 0, 0);

    m_composer->setProfile(m_settings.composer(m_settingsGroup));
    m_logView->setChatView(m_settings.chatView(m_settingsGroup));
    m_logView->setDiagramView(m_settings.diagramView(m_settingsGroup));
    m_callsChosen = m_settings.socketCalls(m_settingsGroup);
    m_logView->setShowsSocketCalls(m_callsChosen);
    m_session->setStatesCalls(m_callsChosen);
    const PayloadCodec::DisplayFormat shown = m_settings.displayFormat(m_settingsGroup);
    m_logView->setDisplayFormat(shown);
    m_composer->setTextEncoding(shown.encoding);
    connect(m_composer, &MessageComposer::sendRequested, this, &SessionTab::sendPayload);
    connect(m_composer, &MessageComposer::sendFileRequested, this, [this](const QString &path) {
        sendComposed([this, &path] { return sendFile(path); });
    });
    connect(m_composer, &MessageComposer::stopTransferRequested, m_session, &Session::stopFile);
    connect(m_session, &Session::fileProgressed, m_composer, &MessageComposer::showTransfer);
    connect(m_session, &Session::fileEnded, m_composer, &MessageComposer::endTransfer);
    connect(m_composer, &MessageComposer::profileChanged, this, &SessionTab::saveSettings);
    connect(m_composer, &MessageComposer::messageEdited, this, &SessionTab::setupChanged);
    connect(m_composer, &MessageComposer::repeatEnded, this, [this](const QString &summary) {
        m_log->addEvent(Direction::Info, summary, m_session->localEndpoint());
    });
    connect(m_logView, &LogView::chatViewChanged, this, &SessionTab::saveSettings);
    connect(m_logView, &LogView::diagramViewChanged, this, &SessionTab::saveSettings);
    connect(m_logView, &LogView::socketCallsShownChanged, this, [this](bool calls) {
        m_callsChosen = calls;
        showSocketCalls(calls);
        saveSettings();
    });
    connect(m_logView, &LogView::displayFormatChanged, this,
            [this](const PayloadCodec::DisplayFormat &format) {
                m_composer->setTextEncoding(format.encoding);
                saveSettings();
            });
}

// The panel goes to the right of the log, which keeps its height; the divider stays where the
// user puts it (the kind's "panelWidth"), at first `width` from the panel's side.
void SessionTab::setSidePanel(QWidget *panel, int width)
{
    auto *splitter = new QSplitter(Qt::Horizontal, m_traffic);
    splitter->setObjectName(QStringLiteral("clientsSplitter"));
    splitter->setChildrenCollapsible(false);
    delete m_traffic->layout()->replaceWidget(m_logView, splitter); // the log's old item is ours
    splitter->addWidget(m_logView);
    splitter->addWidget(panel);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    // The log takes what the window gains or loses; the panel keeps its width.
    splitter->setSizes({ 1, settings().number(u"panelWidth", width, 1, QWIDGETSIZE_MAX) });
    m_panelSplitter = splitter;
}

void SessionTab::addAutoReplies(QComboBox *combo, std::initializer_list<AutoReply> modes)
{
    for (AutoReply mode : modes) {
        switch (mode) {
        case AutoReply::None:
            KeyedCombo::addItem(combo, mode, tr("None"));
            break;
        case AutoReply::Echo:
            KeyedCombo::addItem(combo, mode, tr("Echo"));
            break;
        case AutoReply::Timestamp:
            KeyedCombo::addItem(combo, mode, tr("Timestamp"));
            break;
        case AutoReply::Relay:
            KeyedCombo::addItem(combo, mode, tr("Relay (chat room)"));
            break;
        }
    }
}

void SessionTab::sendPayload(const QByteArray &payload)
{
    if (!sendComposed([this, &payload] { return send(payload); }))
        m_composer->stopRepeating();
}

bool SessionTab::sendComposed(const std::function<bool()> &send)
{
    QString why;
    const QMetaObject::Connection listening
        = connect(m_log, &SessionLog::eventAdded, this,
                  [&why](Direction, const QString &message) { why = message; });
    const bool sent = send();
    disconnect(listening);
    if (sent)
        m_composer->messageSent();
    else if (!why.isEmpty())
        m_composer->showSendFailure(why);
    return sent;
}

QHostAddress SessionTab::probeAddress(const QString &address)
{
    const QHostAddress literal(address);
    return literal.isNull() ? QHostAddress(QHostAddress::Any) : literal;
}

void SessionTab::offerFreePort(QSpinBox *field, Transport transport, const QHostAddress &address)
{
    field->setValue(NativeSocket::freePortFrom(transport, address, quint16(field->value())));
    saveSettings();
}

void SessionTab::finishReading()
{
    m_session->finishReading();
}

qsizetype SessionTab::readNotLogged() const
{
    return m_session->readNotHandedOut();
}

qint64 SessionTab::bytesToSend() const
{
    return m_session->bytesToSend();
}

qint64 SessionTab::bytesNotDelivered() const
{
    return m_session->bytesNotDelivered();
}

bool SessionTab::hasOpenConnections() const
{
    return m_session->hasOpenConnections();
}

void SessionTab::shutDown()
{
    m_composer->stopRepeating();
    m_session->shutDown();
    // A connection closes later, maybe after the tab: its calls' last lines come now.
    m_session->flushCalls();
}

QStringList SessionTab::peersSending() const
{
    QStringList peers;
    for (const TcpConnection *connection : m_session->connectionsSending())
        peers << connection->peerEndpoint().toString();
    return peers;
}

void SessionTab::cutOffSending()
{
    m_session->cutOffSending();
}

bool SessionTab::settleSending(const QString &action, const QString &outcome)
{
    if (m_session->bytesToSend() == 0)
        return true; // what the system still holds goes out after a normal close too
    switch (CutOffQuestion::ask(this, action, outcome, m_session->bytesNotDelivered(),
                                peersSending())) {
    case CutOffQuestion::Answer::SendFirst:
        return true;
    case CutOffQuestion::Answer::CutOff:
        m_session->cutOffSending();
        return true;
    case CutOffQuestion::Answer::Cancel:
        return false;
    }
    return false;
}

void SessionTab::setUpLesson(const Lesson &lesson, quint16 port)
{
    shutDown();
    // The lesson's fields are the lesson's: from now on the settings keep the user's own as
    // they were (a Read at most of 1,024 must not come back at the next start).
    m_lessonFields = true;
    adoptLesson(lesson, port);
    showSocketCalls(true);
}

void SessionTab::adoptLesson(const Lesson &, quint16)
{ }

void SessionTab::showSocketCalls(bool shown)
{
    if (m_logView->showsSocketCalls() != shown) {
        const QSignalBlocker blocker(m_logView);
        m_logView->setShowsSocketCalls(shown);
    }
    if (shown == m_session->statesCalls())
        return;
    m_session->setStatesCalls(shown);
    if (shown && m_session->state() != Session::State::Closed) {
        m_log->addEvent(Direction::Info,
                        tr("Socket calls are shown from now on. The calls that opened this "
                           "socket were made before; close it and open it again to see them."),
                        m_session->localEndpoint());
    }
    Q_EMIT statusChanged();
}

void SessionTab::saveSettings()
{
    m_settings.setComposer(m_settingsGroup, m_composer->profile());
    m_settings.setChatView(m_settingsGroup, m_logView->isChatView());
    m_settings.setDiagramView(m_settingsGroup, m_logView->isDiagramView());
    m_settings.setSocketCalls(m_settingsGroup, m_callsChosen);
    m_settings.setDisplayFormat(m_settingsGroup, m_logView->displayFormat());
    Settings::Group group = settings();
    if (m_panelSplitter)
        group.setValue(u"panelWidth", m_panelSplitter->sizes().constLast());
    if (m_kernelPanel)
        group.setValue(u"kernelView", showsKernelView());
    if (!m_lessonFields)
        saveControls(group);
    Q_EMIT setupChanged();
}

SessionSetup SessionTab::sessionSetup() const
{
    SessionSetup setup;
    setup.kind = m_settingsGroup;
    describe(setup);
    setup.message = m_composer->currentMessage().value_or(QByteArray());
    setup.lineEnding = m_composer->lineEnding();
    return setup;
}

void SessionTab::updateEmptyHint()
{
    m_logView->setEmptyHint(emptyLogHint());
    Q_EMIT setupChanged();
}

QString SessionTab::titleDetail() const
{
    return u" :" + QString::number(m_session->localEndpoint().port);
}

QString SessionTab::title() const
{
    return m_session->state() == Session::State::Closed ? m_name : m_name + titleDetail();
}

QString SessionTab::statusText() const
{
    return stateText() + countersText();
}

// A datagram is a message; a byte stream has only bytes, in as many reads and writes as it took.
QString SessionTab::countersText() const
{
    const QLocale locale;
    const SessionLog::Counters &c = m_log->counters();
    const QString errors = locale.toString(c.errors);
    if (m_session->transport() == Transport::Udp) {
        return tr(" · received %1 (%2) · sent %3 (%4) · errors %5")
            .arg(locale.toString(c.receivedMessages), bytesText(c.receivedBytes),
                 locale.toString(c.sentMessages), bytesText(c.sentBytes), errors);
    }
    return tr(" · received %1 in %2 · sent %3 in %4 · errors %5")
        .arg(bytesText(c.receivedBytes),
             tr("%1 reads", nullptr, pluralCount(c.receivedMessages))
                 .arg(locale.toString(c.receivedMessages)),
             bytesText(c.sentBytes),
             tr("%1 writes", nullptr, pluralCount(c.sentMessages))
                 .arg(locale.toString(c.sentMessages)),
             errors);
}

void SessionTab::setFaultControls(FaultControls *faults,
                                  std::function<void(const FaultSpec &)> apply)
{
    m_faults = faults;
    connect(faults, &FaultControls::specChanged, this,
            [this, apply = std::move(apply)](const FaultSpec &spec) {
                apply(spec);
                Q_EMIT statusChanged();
            });
}

QString SessionTab::withFaults(const QString &state) const
{
    const QString faults = m_faults ? m_faults->summary() : QString();
    return faults.isEmpty() ? state : state + u" · " + faults;
}
