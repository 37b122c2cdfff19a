#include "kernel/kernelpanel.h"

#include "ui_kernelpanel.h"

#include "kernel/kernelprobe.h"
#include "text/bytestext.h"
#include "text/pluralcount.h"

#include <QLocale>

KernelPanel::KernelPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::KernelPanel>())
    , m_probe(&KernelProbe::system())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("kernelPanel"));
    // A value explains itself as its label does, and is wide enough for most of what it shows:
    // the columns do not shift as queues fill and empty.
    const int valueWidth = fontMetrics().horizontalAdvance(bytes(88'888'888));
    for (QLabel *label : findChildren<QLabel *>()) {
        if (!label->objectName().endsWith(u"Label") || label == m_ui->headlineLabel)
            continue;
        const QString name = label->objectName().chopped(5) + u"Value";
        if (auto *value = findChild<QLabel *>(name)) {
            value->setToolTip(label->toolTip());
            value->setMinimumWidth(valueWidth);
        }
    }
    // Room for two lines, which the longer explanations take in a narrow window: the log above
    // does not jump each time the text changes.
    m_ui->headlineLabel->setMinimumHeight(2 * m_ui->headlineLabel->fontMetrics().lineSpacing());
    m_ui->headlineLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_timer.setInterval(IntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &KernelPanel::refresh);
    showMessage({});
}

KernelPanel::~KernelPanel() = default;

void KernelPanel::setProbe(const KernelProbe *probe)
{
    m_probe = probe;
    if (isVisible())
        refresh();
}

void KernelPanel::setSource(std::function<Target()> source)
{
    m_source = std::move(source);
    if (isVisible())
        refresh();
}

void KernelPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer.start();
}

void KernelPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer.stop();
}

void KernelPanel::refresh()
{
    if (!m_probe->isAvailable()) {
        showMessage(tr("The kernel's view is available on Linux only."));
        return;
    }
    const Target target = m_source ? m_source() : Target {};
    if (target.descriptor >= 0 && target.transport == Transport::Udp) {
        m_lastConnection.reset();
        showUdp(target, m_probe->udp(target.descriptor));
        return;
    }
    if (target.descriptor >= 0) {
        const TcpReading reading = m_probe->tcp(target.descriptor);
        if (reading.isValid()) {
            m_lastConnection = target;
            m_lastConnectionGone = false;
            showTcp(reading);
            return;
        }
    }
    // No open socket: the connection followed last may live on in the kernel.
    if (m_lastConnection) {
        // Once the kernel has forgotten it, it does not come back: the panel goes on saying
        // so without reading the kernel's tables again.
        if (m_lastConnectionGone)
            return;
        const std::optional<ProcNet::Row> row
            = m_probe->connection(m_lastConnection->local, m_lastConnection->peer);
        if (!row || row->state != TcpState::Established) {
            showAfterClose(*m_lastConnection, row);
            m_lastConnectionGone = !row;
            return;
        }
        m_lastConnection.reset(); // still open, only no longer followed (another selection)
    }
    showMessage(target.idleText);
}

void KernelPanel::showMessage(const QString &text)
{
    m_ui->headlineLabel->setText(text);
    m_ui->tcpValues->hide();
    m_ui->udpValues->hide();
}

void KernelPanel::showTcp(const TcpReading &reading)
{
    m_ui->udpValues->hide();
    m_ui->tcpValues->show();
    QString headline = stateMeaning(reading.state, 0);
    // The lesson of a peer that does not read, when it happens.
    if (reading.peerWindow == 0u && reading.unsent.value_or(0) > 0) {
        headline += u' '
            + tr("The peer's window is 0: its program is not reading, so what this side "
                 "writes waits here, and send() blocks once this queue is full too.");
    }
    m_ui->headlineLabel->setText(headline);
    m_ui->stateValue->setText(stateName(reading.state));
    m_ui->rttValue->setText(roundTrip(reading));
    m_ui->retransmissionsValue->setText(
        reading.retransmissions ? tr("%Ln segments", nullptr, pluralCount(*reading.retransmissions))
                                : tr("not available"));
    m_ui->unacknowledgedValue->setText(bytes(reading.unacknowledged));
    m_ui->unsentValue->setText(bytes(reading.unsent));
    m_ui->unreadValue->setText(bytes(reading.unread));
    m_ui->congestionWindowValue->setText(segments(reading.congestionWindow, reading.segmentSize));
    m_ui->peerWindowValue->setText(reading.peerWindow ? bytes(*reading.peerWindow)
                                                      : tr("not available on this system"));
}

void KernelPanel::clearTcp()
{
    for (QLabel *value : m_ui->tcpValues->findChildren<QLabel *>()) {
        if (value->objectName().endsWith(u"Value"))
            value->setText(QStringLiteral("–"));
    }
}

void KernelPanel::showAfterClose(const Target &connection, const std::optional<ProcNet::Row> &row)
{
    m_ui->udpValues->hide();
    m_ui->tcpValues->show();
    clearTcp();
    const QString between
        = tr("%1 ↔ %2").arg(connection.local.toString(), connection.peer.toString());
    if (!row) {
        m_ui->stateValue->setText(tr("gone"));
        m_ui->headlineLabel->setText(
            tr("The connection %1 is closed and gone from the kernel: its port pair is free "
               "again.")
                .arg(between));
        return;
    }
    m_ui->stateValue->setText(stateName(row->state));
    m_ui->headlineLabel->setText(tr("Closed by its program, %1 lives on in the kernel. %2")
                                     .arg(between, stateMeaning(row->state, row->timerMs)));
    m_ui->unsentValue->setText(bytes(row->sendQueue));
    m_ui->unreadValue->setText(bytes(row->receiveQueue));
}

void KernelPanel::showUdp(const Target &socket, const UdpReading &reading)
{
    m_ui->tcpValues->hide();
    m_ui->udpValues->show();
    m_ui->receiveQueueValue->setText(bytes(reading.receiveQueue));
    m_ui->receiveBufferValue->setText(bytes(reading.receiveBuffer));
    const qint64 drops = reading.drops.value_or(0);
    m_ui->dropsValue->setText(reading.drops
                                  ? tr("%1 datagrams", nullptr, pluralCount(quint64(drops)))
                                        .arg(QLocale().toString(drops))
                                  : tr("not available"));
    if (drops > 0) {
        m_ui->headlineLabel->setText(
            tr("The kernel dropped %1 datagrams for %2: the receive buffer was full.", nullptr,
               pluralCount(quint64(drops)))
                .arg(QLocale().toString(drops), socket.local.toString()));
    } else {
        m_ui->headlineLabel->setText(
            tr("Nothing dropped: every datagram that arrived at %1 found room in the receive "
               "buffer.")
                .arg(socket.local.toString()));
    }
}

QString KernelPanel::stateName(TcpState state)
{
    switch (state) {
    case TcpState::Unknown:
        break;
    case TcpState::Established:
        return QStringLiteral("ESTABLISHED");
    case TcpState::SynSent:
        return QStringLiteral("SYN_SENT");
    case TcpState::SynReceived:
        return QStringLiteral("SYN_RECV");
    case TcpState::FinWait1:
        return QStringLiteral("FIN_WAIT1");
    case TcpState::FinWait2:
        return QStringLiteral("FIN_WAIT2");
    case TcpState::TimeWait:
        return QStringLiteral("TIME_WAIT");
    case TcpState::Close:
        return QStringLiteral("CLOSE");
    case TcpState::CloseWait:
        return QStringLiteral("CLOSE_WAIT");
    case TcpState::LastAck:
        return QStringLiteral("LAST_ACK");
    case TcpState::Listen:
        return QStringLiteral("LISTEN");
    case TcpState::Closing:
        return QStringLiteral("CLOSING");
    case TcpState::NewSynReceived:
        return QStringLiteral("NEW_SYN_RECV");
    }
    return tr("unknown");
}

// In a student's words: what the state means, and why the connection is in it.
QString KernelPanel::stateMeaning(TcpState state, qint64 timerMs)
{
    switch (state) {
    case TcpState::Unknown:
        break;
    case TcpState::Established:
        return tr("ESTABLISHED: the connection is open; bytes can go both ways.");
    case TcpState::SynSent:
        return tr("SYN_SENT: this side asked to connect (SYN) and waits for the answer.");
    case TcpState::SynReceived:
    case TcpState::NewSynReceived:
        return tr("SYN_RECV: the peer asked to connect; the handshake is half done.");
    case TcpState::FinWait1:
        return tr("FIN_WAIT1: this side closed (FIN) and waits for the peer to acknowledge it.");
    case TcpState::FinWait2:
        return tr("FIN_WAIT2: this side closed and the peer acknowledged; the peer may still "
                  "send until it closes too.");
    case TcpState::TimeWait:
        return tr("TIME_WAIT, about %1 s left: the side that closes first keeps the port pair so "
                  "late segments of this connection are not taken for a new one.")
            .arg(QLocale().toString((timerMs + 999) / 1000));
    case TcpState::Close:
        return tr("CLOSE: the connection is closed.");
    case TcpState::CloseWait:
        return tr("CLOSE_WAIT: the peer closed its side (FIN); recv() returns b'' and this side "
                  "closes when its program calls close().");
    case TcpState::LastAck:
        return tr("LAST_ACK: both sides closed; this side waits for the peer to acknowledge "
                  "its FIN.");
    case TcpState::Listen:
        return tr("LISTEN: waiting for connections.");
    case TcpState::Closing:
        return tr("CLOSING: both sides closed at once; waiting for the last acknowledgement.");
    }
    return tr("The kernel does not say what state this connection is in.");
}

QString KernelPanel::bytes(std::optional<qint64> bytes)
{
    if (!bytes)
        return tr("not available");
    return bytesText(quint64(std::max<qint64>(0, *bytes)));
}

QString KernelPanel::roundTrip(const TcpReading &reading)
{
    if (!reading.rttMicroseconds)
        return tr("not available");
    const QLocale locale;
    const auto ms = [&locale](quint32 us) {
        return locale.toString(us / 1000.0, 'f', us < 10'000 ? 2 : 1);
    };
    if (!reading.rttVarianceMicroseconds)
        return tr("%1 ms").arg(ms(*reading.rttMicroseconds));
    return tr("%1 ms (± %2 ms)")
        .arg(ms(*reading.rttMicroseconds), ms(*reading.rttVarianceMicroseconds));
}

// "10 segments (654,830 bytes)"
QString KernelPanel::segments(std::optional<quint32> count, std::optional<quint32> size)
{
    if (!count)
        return tr("not available");
    const QString segments = tr("%Ln segments", nullptr, pluralCount(*count));
    if (!size)
        return segments;
    return tr("%1 (%2)").arg(segments, bytes(qint64(*count) * *size));
}
