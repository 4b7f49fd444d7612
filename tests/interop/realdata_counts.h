// What the interop tests expect of ../shared/realdata.
#pragma once

#include <cstddef>
#include <map>
#include <string>

namespace foco {

// Messages per mbox as Python's mailbox module counts them, computed once with
//   python3 -c "import mailbox,sys; print(len(mailbox.mbox(sys.argv[1])))" PATH
// (Python 3.11). Python splits at every line starting with "From "; Foco's
// rule (see mail_sources.h) gives the same counts on these files.
inline const std::map<std::string, std::size_t> kPythonMboxCounts = {
    {"cpython-mbox/mailbox_01.mbox", 2},
    {"mimekit-mbox/content-length.mbox.txt", 29},
    {"mimekit-mbox/issue1189.mbox.txt", 4},
    {"mimekit-mbox/simple.mbox.txt", 3},
    {"mimekit-mbox/unmunged.mbox.txt", 3},
    {"perceval-mbox/mbox_complex.mbox", 2},
    {"perceval-mbox/mbox_iso8859_encoding.mbox", 1},
    {"perceval-mbox/mbox_multipart.mbox", 2},
    {"perceval-mbox/mbox_no_fields.mbox", 6},
    {"perceval-mbox/mbox_single.mbox", 1},
    {"perceval-mbox/mbox_unixfrom_encoding.mbox", 1},
    {"perceval-mbox/mbox_unknown_encoding.mbox", 1},
    {"perceval-mbox/pipermail_2015_november.mbox", 4},
};

}  // namespace foco
