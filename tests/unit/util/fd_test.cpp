#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include "util/fd.hpp"

namespace wb::util {
namespace {

/// A pipe whose write end is owned by an Fd: reading EOF proves the write end was closed.
class FdTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_EQ(::pipe(m_fds), 0); }
    void TearDown() override {
        ::close(m_fds[0]);
        if (m_close_write) ::close(m_fds[1]);
    }
    /// 0 at EOF (every write end closed), -1 with EAGAIN while a write end is still open.
    ssize_t poll_read() {
        ::fcntl(m_fds[0], F_SETFL, O_NONBLOCK);
        char c;
        return ::read(m_fds[0], &c, 1);
    }
    int read_end() const { return m_fds[0]; }
    int write_end() const { return m_fds[1]; }
    void close_write_end_at_teardown() { m_close_write = true; }

private:
    int m_fds[2] = {-1, -1};
    bool m_close_write = false;
};

TEST_F(FdTest, ClosesWhenItGoesOutOfScope) {
    {
        Fd fd(write_end());
        EXPECT_TRUE(fd.valid());
        EXPECT_EQ(fd.get(), write_end());
        EXPECT_EQ(poll_read(), -1);  // still open
    }
    EXPECT_EQ(poll_read(), 0);
}

TEST_F(FdTest, MoveTransfersOwnership) {
    Fd outer;
    EXPECT_FALSE(outer);
    {
        Fd inner(write_end());
        outer = std::move(inner);
        EXPECT_FALSE(inner.valid());
    }
    EXPECT_EQ(poll_read(), -1);  // the moved-from Fd closed nothing
    EXPECT_EQ(outer.get(), write_end());
    Fd constructed(std::move(outer));
    EXPECT_FALSE(outer.valid());
    constructed.reset();
    EXPECT_FALSE(constructed.valid());
    EXPECT_EQ(poll_read(), 0);
}

TEST_F(FdTest, MoveAssignmentClosesTheOldDescriptor) {
    int other[2];
    ASSERT_EQ(::pipe(other), 0);
    Fd fd(write_end());
    fd = Fd(other[1]);
    EXPECT_EQ(poll_read(), 0);  // our write end was closed by the assignment
    EXPECT_EQ(fd.get(), other[1]);
    fd.reset();
    ::close(other[0]);
}

TEST_F(FdTest, ReleaseGivesUpOwnership) {
    {
        Fd fd(write_end());
        EXPECT_EQ(fd.release(), write_end());
        EXPECT_FALSE(fd.valid());
    }
    EXPECT_EQ(poll_read(), -1);
    close_write_end_at_teardown();
}

}  // namespace
}  // namespace wb::util
