#include <catch2/catch.hpp>

#include "trainer.hpp"

TEST_CASE("circle trains with the default configuration", "[smoke]") {
  nnp::Trainer t;
  t.train_epochs(200);
  REQUIRE(t.history().back().test_accuracy > 0.95);
}
