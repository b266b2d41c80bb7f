//! Tidy checks: the rules of ARCHITECTURE.md that the compiler does not enforce.

mod determinism;
mod tidy;
