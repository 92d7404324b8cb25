# Sanitizer flags for every target of a checking build (see NNP_SANITIZE and
# NNP_FUZZ in the top CMakeLists.txt). Any report aborts the process, so ctest
# and libFuzzer both see it as a failure.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "NNP_SANITIZE / NNP_FUZZ need clang: configure with CC=clang CXX=clang++")
endif()
# -O1 keeps the suite fast while the reports stay readable; Eigen's own index
# assertions stay on (no NDEBUG), so an out-of-range coefficient aborts even
# where it lands inside the same allocation and ASan alone would not see it.
set(NNP_SANITIZERS address,undefined)
add_compile_options(-fsanitize=${NNP_SANITIZERS} -fno-sanitize-recover=all -fno-omit-frame-pointer -O1 -g)
add_link_options(-fsanitize=${NNP_SANITIZERS})
if(NNP_FUZZ)
  # Coverage feedback for libFuzzer in every object, the engine included; only
  # the fuzz targets link libFuzzer's main (tests/fuzz/CMakeLists.txt). The
  # header-only libraries are left untraced (coverage-ignore.txt): tracing
  # nlohmann-json's and Eigen's comparisons took 60% of the session target's
  # time; the same 600 inputs ran in 28 s instead of 72.
  add_compile_options(-fsanitize=fuzzer-no-link -fsanitize-coverage-ignorelist=${CMAKE_CURRENT_LIST_DIR}/coverage-ignore.txt)
endif()
