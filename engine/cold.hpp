#pragma once

// NNP_COLD marks a function that runs once per user action (configure, reset,
// edits): clang optimises it for size (the wasm download) even in a file
// built at -O3 for the training step. Other compilers ignore it.
#if defined(__clang__)
#define NNP_COLD [[clang::minsize]]
#else
#define NNP_COLD
#endif
