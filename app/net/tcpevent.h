#pragma once

#include <QtGlobal>

// What a TCP connection's event put on the wire, as a fact about the event rather than words
// about it: the sequence diagram draws each as the segments it stands for, and must not find
// them by matching translated sentences.
enum class TcpEvent : quint8 {
    None,
    Connected, // this end connected: SYN →, ← SYN-ACK, ACK →
    Accepted, // a peer connected to this end: ← SYN, SYN-ACK →, ← ACK
    ClosedByUs, // FIN →, ← ACK
    ClosedByPeer, // ← FIN, ACK →; Qt then closes this end too: FIN →, ← ACK
    AbortedByUs, // RST →
    ResetByPeer, // ← RST
};
