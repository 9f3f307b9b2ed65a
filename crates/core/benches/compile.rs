//! Compile time (parse + check) of the smart-lock guide and of generated
//! guides of growing size: the time per question must stay flat (linear
//! checks). Run: `cargo bench -p unstuck-core --bench compile`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use unstuck_core::compile;
use unstuck_core::engine::{Session, walk};
use unstuck_testkit::Shape;

const SMART_LOCK: &str = include_str!("../../../guides/smart-lock.md");

fn smart_lock(c: &mut Criterion) {
    c.bench_function("compile/smart-lock", |b| {
        b.iter(|| compile(black_box(SMART_LOCK)))
    });
    let guide = compile(SMART_LOCK).guide.expect("the guide compiles");
    let session = Session::from_ids(
        &guide,
        None,
        [
            ("keypad-lights", "no"),
            ("battery-fixed", "no"),
            ("key-works", "no"),
            ("alignment-fixed", "no"),
        ],
        [],
    )
    .expect("valid answers");
    c.bench_function("walk/smart-lock", |b| {
        b.iter(|| walk(black_box(&guide), black_box(&session)))
    });
}

fn generated(c: &mut Criterion) {
    let mut group = c.benchmark_group("compile/generated");
    group.sample_size(10);
    for questions in [1_000, 10_000, 100_000] {
        let source = Shape::tree(questions).source();
        group.throughput(Throughput::Elements(questions as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(questions),
            &source,
            |b, source| {
                b.iter(|| {
                    let compiled = compile(black_box(source));
                    assert!(!compiled.has_errors());
                    compiled
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, smart_lock, generated);
criterion_main!(benches);
