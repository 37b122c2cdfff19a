<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
    <message numerus="yes">
        <source>%1 bytes</source>
        <translation>
            <numerusform>%1 byte</numerusform>
            <numerusform>%1 bytes</numerusform>
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
</context>
</TS>