#pragma once
// The few file-system questions a side-module link asks (does lib<name>.a exist in a -L directory,
// is an object wasm or LLVM bitcode), behind an interface so that rewriting stays testable.
#include <cstddef>
#include <string>

namespace wb::cc {

class FileSystemView {
public:
    virtual ~FileSystemView() = default;
    virtual bool is_file(const std::string& path) const = 0;
    /// The first `count` bytes of a file (fewer if it is shorter; empty if unreadable).
    virtual std::string head(const std::string& path, size_t count) const = 0;
};

class RealFileSystemView final : public FileSystemView {
public:
    bool is_file(const std::string& path) const override;
    std::string head(const std::string& path, size_t count) const override;
};

}  // namespace wb::cc
