#pragma once
// Error propagation for util::Expected in the spirit of ccache's TRY: return the error of a failed
// expression from the enclosing function (which must itself return an Expected).
#include <utility>

#include "util/error.hpp"

/// Evaluates expr (an Expected<T>); on failure returns its error from the enclosing function.
#define WB_TRY(expr)                                                       \
    do {                                                                   \
        auto&& wb_try_result_ = (expr);                                    \
        if (!wb_try_result_) return tl::unexpected(wb_try_result_.error()); \
    } while (0)

/// Evaluates expr (an Expected<T>); on success moves its value into target, else returns the error.
#define WB_TRY_ASSIGN(target, expr)                                        \
    do {                                                                   \
        auto&& wb_try_result_ = (expr);                                    \
        if (!wb_try_result_) return tl::unexpected(wb_try_result_.error()); \
        target = std::move(*wb_try_result_);                               \
    } while (0)
