<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Bytes</name>
    <message numerus="yes">
        <source>%1 bytes</source>
        <translation>
            <numerusform>%1 byte</numerusform>
            <numerusform>%1 bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallBurst</name>
    <message numerus="yes">
        <source>→ %1 bytes in %2</source>
        <translation>
            <numerusform>→ %1 byte in %2</numerusform>
            <numerusform>→ %1 bytes in %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatItemDelegate</name>
    <message numerus="yes">
        <source> · cut: %1 of %2 bytes kept</source>
        <translation>
            <numerusform> · cut: %1 of %2 byte kept</numerusform>
            <numerusform> · cut: %1 of %2 bytes kept</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message numerus="yes">
        <source>--%1 is given %n times (&quot;%2&quot;); give it once</source>
        <translation>
            <numerusform>--%1 is given %n time (&quot;%2&quot;); give it once</numerusform>
            <numerusform>--%1 is given %n times (&quot;%2&quot;); give it once</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>--code: the options describe %n sessions (%1); give the options of one</source>
        <translation>
            <numerusform>--code: the options describe %n session (%1); give the options of one</numerusform>
            <numerusform>--code: the options describe %n sessions (%1); give the options of one</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CutOffQuestion</name>
    <message numerus="yes">
        <source>Not received yet: %1 bytes, by %2.</source>
        <translation>
            <numerusform>Not received yet: %1 byte, by %2.</numerusform>
            <numerusform>Not received yet: %1 bytes, by %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatagramQueue</name>
    <message numerus="yes">
        <source>Not sent either: %n more datagrams that waited for the socket.</source>
        <translation>
            <numerusform>Not sent either: %n more datagram that waited for the socket.</numerusform>
            <numerusform>Not sent either: %n more datagrams that waited for the socket.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntryDetailView</name>
    <message numerus="yes">
        <source>%1 — received %2 bytes from %3 on %4.</source>
        <translation>
            <numerusform>%1 — received %2 byte from %3 on %4.</numerusform>
            <numerusform>%1 — received %2 bytes from %3 on %4.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — sent %2 bytes to %3 from %4.</source>
        <translation>
            <numerusform>%1 — sent %2 byte to %3 from %4.</numerusform>
            <numerusform>%1 — sent %2 bytes to %3 from %4.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — the echo auto-reply sent %2 bytes back to %3 from %4.</source>
        <translation>
            <numerusform>%1 — the echo auto-reply sent %2 byte back to %3 from %4.</numerusform>
            <numerusform>%1 — the echo auto-reply sent %2 bytes back to %3 from %4.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — the timestamp auto-reply sent %2 bytes to %3 from %4.</source>
        <translation>
            <numerusform>%1 — the timestamp auto-reply sent %2 byte to %3 from %4.</numerusform>
            <numerusform>%1 — the timestamp auto-reply sent %2 bytes to %3 from %4.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — the chat room announced %2 bytes to %3.</source>
        <translation>
            <numerusform>%1 — the chat room announced %2 byte to %3.</numerusform>
            <numerusform>%1 — the chat room announced %2 bytes to %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — relayed %2 bytes from %3 to %4.</source>
        <translation>
            <numerusform>%1 — relayed %2 byte from %3 to %4.</numerusform>
            <numerusform>%1 — relayed %2 bytes from %3 to %4.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FaultInjector</name>
    <message numerus="yes">
        <source>Not sent: %n replies delayed on purpose were still waiting when the session closed.</source>
        <translation>
            <numerusform>Not sent: %n reply delayed on purpose was still waiting when the session closed.</numerusform>
            <numerusform>Not sent: %n replies delayed on purpose were still waiting when the session closed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileSender</name>
    <message numerus="yes">
        <source>Sending %1, %2 bytes, to %3 in pieces of up to %4 bytes, as fast as it takes them…</source>
        <translation>
            <numerusform>Sending %1, %2 byte, to %3 in pieces of up to %4 bytes, as fast as it takes them…</numerusform>
            <numerusform>Sending %1, %2 bytes, to %3 in pieces of up to %4 bytes, as fast as it takes them…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped sending %1: %2 of its %3 bytes were queued, and %4 gets only those.</source>
        <translation>
            <numerusform>Stopped sending %1: %2 of its %3 byte was queued, and %4 gets only that.</numerusform>
            <numerusform>Stopped sending %1: %2 of its %3 bytes were queued, and %4 gets only those.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cut off sending %1 after %2 of its %3 bytes were queued; %4 sees the connection reset, not the end of the file.</source>
        <translation>
            <numerusform>Cut off sending %1 after %2 of its %3 byte was queued; %4 sees the connection reset, not the end of the file.</numerusform>
            <numerusform>Cut off sending %1 after %2 of its %3 bytes were queued; %4 sees the connection reset, not the end of the file.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, which closed after at most %2 bytes</source>
        <translation>
            <numerusform>%1, which closed after at most %2 byte</numerusform>
            <numerusform>%1, which closed after at most %2 bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending %1 (%2 bytes) stopped: %3. The file did not arrive whole.</source>
        <translation>
            <numerusform>Sending %1 (%2 byte) stopped: %3. The file did not arrive whole.</numerusform>
            <numerusform>Sending %1 (%2 bytes) stopped: %3. The file did not arrive whole.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Could not read %1 after %2 of its %3 bytes: %4. Sending stopped; the peer has only those bytes.</source>
        <translation>
            <numerusform>Could not read %1 after %2 of its %3 byte: %4. Sending stopped; the peer has only those bytes.</numerusform>
            <numerusform>Could not read %1 after %2 of its %3 bytes: %4. Sending stopped; the peer has only those bytes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent all of %1, %2 bytes, to %3 in %4.</source>
        <translation>
            <numerusform>Sent all of %1, %2 byte, to %3 in %4.</numerusform>
            <numerusform>Sent all of %1, %2 bytes, to %3 in %4.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FramingText</name>
    <message numerus="yes">
        <source>%Ln bytes never completed a message: they are the start of a %1-byte length prefix: %2.</source>
        <translation>
            <numerusform>%Ln byte never completed a message: it is the start of a %1-byte length prefix: %2.</numerusform>
            <numerusform>%Ln bytes never completed a message: they are the start of a %1-byte length prefix: %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln bytes never completed a message: the %1-byte length prefix announced %2 bytes of payload, and none came.</source>
        <translation>
            <numerusform>%Ln byte never completed a message: the %1-byte length prefix announced %2 bytes of payload, and none came.</numerusform>
            <numerusform>%Ln bytes never completed a message: the %1-byte length prefix announced %2 bytes of payload, and none came.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln bytes never completed a message: the %1-byte length prefix announced %2 bytes of payload, and only %3 came: %4.</source>
        <translation>
            <numerusform>%Ln byte never completed a message: the %1-byte length prefix announced %2 bytes of payload, and only %3 came: %4.</numerusform>
            <numerusform>%Ln bytes never completed a message: the %1-byte length prefix announced %2 bytes of payload, and only %3 came: %4.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Complete message: %Ln bytes of payload after a %1-byte length prefix:</source>
        <translation>
            <numerusform>Complete message: %Ln byte of payload after a %1-byte length prefix:</numerusform>
            <numerusform>Complete message: %Ln bytes of payload after a %1-byte length prefix:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln bytes %1 never completed a message: %2.</source>
        <translation>
            <numerusform>%Ln byte %1 never completed a message: %2.</numerusform>
            <numerusform>%Ln bytes %1 never completed a message: %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KernelPanel</name>
    <message numerus="yes">
        <source>%Ln segments</source>
        <translation>
            <numerusform>%Ln segment</numerusform>
            <numerusform>%Ln segments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 datagrams</source>
        <translation>
            <numerusform>%1 datagram</numerusform>
            <numerusform>%1 datagrams</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The kernel dropped %1 datagrams for %2: the receive buffer was full.</source>
        <translation>
            <numerusform>The kernel dropped %1 datagram for %2: the receive buffer was full.</numerusform>
            <numerusform>The kernel dropped %1 datagrams for %2: the receive buffer was full.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogExport</name>
    <message numerus="yes">
        <source>Saved %n rows of this log to %1 (%2).</source>
        <translation>
            <numerusform>Saved %n row of this log to %1 (%2).</numerusform>
            <numerusform>Saved %n rows of this log to %1 (%2).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rows left the log while it was being saved (its limits, or Clear); a recording keeps them.</source>
        <translation>
            <numerusform>%n row left the log while it was being saved (its limits, or Clear); a recording keeps it.</numerusform>
            <numerusform>%n rows left the log while it was being saved (its limits, or Clear); a recording keeps them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message numerus="yes">
        <source>%Ln others</source>
        <translation>
            <numerusform>%Ln other</numerusform>
            <numerusform>%Ln others</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message numerus="yes">
        <source>Showing %1 of %Ln rows</source>
        <translation>
            <numerusform>Showing %1 of %Ln row</numerusform>
            <numerusform>Showing %1 of %Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 older rows left the view (limits: %2 rows, %3 of payload); a recording keeps them</source>
        <translation>
            <numerusform>%1 older row left the view (limits: %2 rows, %3 of payload); a recording keeps it</numerusform>
            <numerusform>%1 older rows left the view (limits: %2 rows, %3 of payload); a recording keeps them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported the diagram&apos;s %Ln rows in view to %1.</source>
        <translation>
            <numerusform>Exported the diagram&apos;s %Ln row in view to %1.</numerusform>
            <numerusform>Exported the diagram&apos;s %Ln rows in view to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Recorder</name>
    <message numerus="yes">
        <source>Recording to %1 failed: %2. The recording stopped. Entries not recorded: %n (the log still shows those it holds).</source>
        <translation>
            <numerusform>Recording to %1 failed: %2. The recording stopped. Entries not recorded: %n (the log still shows those it holds).</numerusform>
            <numerusform>Recording to %1 failed: %2. The recording stopped. Entries not recorded: %n (the log still shows those it holds).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordingControl</name>
    <message numerus="yes">
        <source>Recording continues in %1, from the first entry that was not written. Entries not recorded while it waited: %n (there was no more room).</source>
        <translation>
            <numerusform>Recording continues in %1, from the first entry that was not written. Entries not recorded while it waited: %n (there was no more room).</numerusform>
            <numerusform>Recording continues in %1, from the first entry that was not written. Entries not recorded while it waited: %n (there was no more room).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SequenceDiagram</name>
    <message numerus="yes">
        <source>Laying out the diagram: %1 of %Ln rows placed…</source>
        <translation>
            <numerusform>Laying out the diagram: %1 of %Ln row placed…</numerusform>
            <numerusform>Laying out the diagram: %1 of %Ln rows placed…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SequencePainter</name>
    <message numerus="yes">
        <source>%Ln bytes</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message numerus="yes">
        <source>→ %n bytes: Qt asks the kernel how many wait and reads them all</source>
        <translation>
            <numerusform>→ %n byte: Qt asks the kernel how many wait and reads it</numerusform>
            <numerusform>→ %n bytes: Qt asks the kernel how many wait and reads them all</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>→ %1 of %2 bytes taken; Qt sends the rest when the socket can take more, as sendall() would loop</source>
        <translation>
            <numerusform>→ %1 of %2 byte taken; Qt sends the rest when the socket can take more, as sendall() would loop</numerusform>
            <numerusform>→ %1 of %2 bytes taken; Qt sends the rest when the socket can take more, as sendall() would loop</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading paused: what %1 sends waits in the kernel&apos;s receive queue (%2 bytes now); when it is full, TCP&apos;s window closes and the sender&apos;s send() blocks. Resume reading to take it all.</source>
        <translation>
            <numerusform>Reading paused: what %1 sends waits in the kernel&apos;s receive queue (%2 byte now); when it is full, TCP&apos;s window closes and the sender&apos;s send() blocks. Resume reading to take it all.</numerusform>
            <numerusform>Reading paused: what %1 sends waits in the kernel&apos;s receive queue (%2 bytes now); when it is full, TCP&apos;s window closes and the sender&apos;s send() blocks. Resume reading to take it all.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading resumed: the %2 bytes that waited from %1 are read now, and TCP&apos;s window opens again.</source>
        <translation>
            <numerusform>Reading resumed: the %2 byte that waited from %1 is read now, and TCP&apos;s window opens again.</numerusform>
            <numerusform>Reading resumed: the %2 bytes that waited from %1 are read now, and TCP&apos;s window opens again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionCloser</name>
    <message numerus="yes">
        <source>Quit at once: %n datagrams or TCP chunks that were read were not logged or recorded.</source>
        <translation>
            <numerusform>Quit at once: %n datagram or TCP chunk that was read was not logged or recorded.</numerusform>
            <numerusform>Quit at once: %n datagrams or TCP chunks that were read were not logged or recorded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Quitting: logging and recording %n datagrams or TCP chunks that were read… Close again to quit at once.</source>
        <translation>
            <numerusform>Quitting: logging and recording %n datagram or TCP chunk that was read… Close again to quit at once.</numerusform>
            <numerusform>Quitting: logging and recording %n datagrams or TCP chunks that were read… Close again to quit at once.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Quitting: sending the %1 bytes still queued… Close again to cut them off.</source>
        <translation>
            <numerusform>Quitting: sending the %1 byte still queued… Close again to cut it off.</numerusform>
            <numerusform>Quitting: sending the %1 bytes still queued… Close again to cut them off.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionTab</name>
    <message numerus="yes">
        <source>%1 reads</source>
        <translation>
            <numerusform>%1 read</numerusform>
            <numerusform>%1 reads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 writes</source>
        <translation>
            <numerusform>%1 write</numerusform>
            <numerusform>%1 writes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SocketHint</name>
    <message numerus="yes">
        <source>this program may have at most %1 files and sockets open (ulimit -n), and all of them are; this tab has %2 clients</source>
        <translation>
            <numerusform>this program may have at most %1 files and sockets open (ulimit -n), and all of them are; this tab has %2 client</numerusform>
            <numerusform>this program may have at most %1 files and sockets open (ulimit -n), and all of them are; this tab has %2 clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the whole system is out of open files; this tab has %1 clients</source>
        <translation>
            <numerusform>the whole system is out of open files; this tab has %1 client</numerusform>
            <numerusform>the whole system is out of open files; this tab has %1 clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: this program has as many files and sockets open as it may (ulimit -n: %Ln), so it cannot open one more socket. Close sessions or clients you no longer need, or raise the limit (ulimit -n) before starting Sockscope.</source>
        <translation>
            <numerusform>%1: this program has as many files and sockets open as it may (ulimit -n: %Ln), so it cannot open one more socket. Close sessions or clients you no longer need, or raise the limit (ulimit -n) before starting Sockscope.</numerusform>
            <numerusform>%1: this program has as many files and sockets open as it may (ulimit -n: %Ln), so it cannot open one more socket. Close sessions or clients you no longer need, or raise the limit (ulimit -n) before starting Sockscope.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 bytes arrived; recvfrom(%2) keeps %3 and the kernel drops the rest: UDP has no stream to read it from later.</source>
        <translation>
            <numerusform>%1 byte arrived; recvfrom(%2) keeps %3 and the kernel drops the rest: UDP has no stream to read it from later.</numerusform>
            <numerusform>%1 bytes arrived; recvfrom(%2) keeps %3 and the kernel drops the rest: UDP has no stream to read it from later.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TcpClientTab</name>
    <message numerus="yes">
        <source>%1 bytes in flight</source>
        <translation>
            <numerusform>%1 byte in flight</numerusform>
            <numerusform>%1 bytes in flight</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TcpConnection</name>
    <message numerus="yes">
        <source>Closing the connection to %1 once the %2 bytes still in flight are written.</source>
        <translation>
            <numerusform>Closing the connection to %1 once the %2 byte still in flight is written.</numerusform>
            <numerusform>Closing the connection to %1 once the %2 bytes still in flight are written.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Written %1 of %2 bytes to %3; %4 still in flight (the peer reads at its own pace).</source>
        <translation>
            <numerusform>Written %1 of %2 byte to %3; %4 still in flight (the peer reads at its own pace).</numerusform>
            <numerusform>Written %1 of %2 bytes to %3; %4 still in flight (the peer reads at its own pace).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TcpServerSession</name>
    <message numerus="yes">
        <source>Client %1 connected from %2 (%3 of at most %Ln clients).</source>
        <translation>
            <numerusform>Client %1 connected from %2 (%3 of at most %Ln client).</numerusform>
            <numerusform>Client %1 connected from %2 (%3 of at most %Ln clients).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Turned %1 away: %Ln clients are connected, the maximum. Raise &quot;Max clients&quot; to let more in.</source>
        <translation>
            <numerusform>Turned %1 away: %Ln client is connected, the maximum. Raise &quot;Max clients&quot; to let more in.</numerusform>
            <numerusform>Turned %1 away: %Ln clients are connected, the maximum. Raise &quot;Max clients&quot; to let more in.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TcpServerTab</name>
    <message numerus="yes">
        <source>TCP server on %1, %Ln clients</source>
        <translation>
            <numerusform>TCP server on %1, %Ln client</numerusform>
            <numerusform>TCP server on %1, %Ln clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>TCP server on %1, %2, %Ln reading paused</source>
        <extracomment>%2 is &quot;%Ln clients&quot; (TCP server on 0.0.0.0:9000, 3 clients, 1 reading paused)</extracomment>
        <translation>
            <numerusform>TCP server on %1, %2, %Ln reading paused</numerusform>
            <numerusform>TCP server on %1, %2, %Ln reading paused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln clients</source>
        <translation>
            <numerusform>%Ln client</numerusform>
            <numerusform>%Ln clients</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UdpSession</name>
    <message numerus="yes">
        <source>Sending %1, %2 bytes, as one datagram.</source>
        <translation>
            <numerusform>Sending %1, %2 byte, as one datagram.</numerusform>
            <numerusform>Sending %1, %2 bytes, as one datagram.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>→ %n bytes from %1</source>
        <translation>
            <numerusform>→ %n byte from %1</numerusform>
            <numerusform>→ %n bytes from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The kernel dropped %Ln datagrams arriving at %1: the socket&apos;s receive buffer (%2 bytes) was full, because they came faster than they were read. UDP does not send them again. To lose fewer, send slower, read faster (less work for each datagram), or give the socket a bigger receive buffer (SO_RCVBUF, up to the system&apos;s net.core.rmem_max).</source>
        <translation>
            <numerusform>The kernel dropped %Ln datagram arriving at %1: the socket&apos;s receive buffer (%2 bytes) was full, because it came faster than it was read. UDP does not send it again. To lose fewer, send slower, read faster (less work for each datagram), or give the socket a bigger receive buffer (SO_RCVBUF, up to the system&apos;s net.core.rmem_max).</numerusform>
            <numerusform>The kernel dropped %Ln datagrams arriving at %1: the socket&apos;s receive buffer (%2 bytes) was full, because they came faster than they were read. UDP does not send them again. To lose fewer, send slower, read faster (less work for each datagram), or give the socket a bigger receive buffer (SO_RCVBUF, up to the system&apos;s net.core.rmem_max).</numerusform>
        </translation>
    </message>
</context>
</TS>
