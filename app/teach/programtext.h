#pragma once

#include "teach/sessionsetup.h"
#include "text/enumkeys.h"

#include <QByteArrayView>
#include <QString>

#include <array>

// The equivalent program of a session (issue 15): for the settings a SessionSetup describes,
// the complete, runnable program that a student runs against it (the other end, in Python),
// or that does what it does (this end, in Python or in Qt C++). Python programs are written
// like the classic tutorials: the standard library only, socket(), bind(('', 9000)),
// recvfrom(), sendto(), listen(5), accept(), recv(), sendall(). Message bytes are written
// exactly, every byte that is not printable ASCII escaped.
//
// Programs that listen or bind print the port they got ("Listening on port 41234") before
// anything else, so a port 0 in the setup makes one the system chooses. Programs print what
// they receive as Python's print() shows bytes: "Received b'hello\n'".
namespace ProgramText {

enum class Program { OtherEnd, ThisEnd, QtThisEnd };
constexpr std::array<EnumKey<Program>, 3> enumKeys(Program)
{
    return { { { Program::OtherEnd, "other-end" },
               { Program::ThisEnd, "this-end" },
               { Program::QtThisEnd, "qt" } } };
}

QString program(const SessionSetup &setup, Program which);

// A name to save it as: "udp_client.py", "tcp_server.py", "main.cpp".
QString fileName(const SessionSetup &setup, Program which);

// `bytes` as a C++ string literal, unprintable bytes in three-digit octal: "hi\n\000".
QString cppBytes(QByteArrayView bytes);

} // namespace ProgramText
