//! The first use of SQLite in a process, from several threads at once: SQLCipher's functions
//! are there for every one of them. (SQLite runs SQLCipher's part of its initialisation outside
//! its mutex; a conversion that raced it failed with "no such function: sqlcipher_export".)
//! This file holds one test, so that nothing has touched SQLite before it starts. A race is
//! caught by chance: without the fix this failed about one run in eight here.

mod common;

use std::sync::{Arc, Barrier};

use common::Sandbox;
use isms::store::{Passphrase, Store};

#[test]
fn conversions_started_together_as_the_process_first_touches_sqlite_all_work() {
    const THREADS: usize = 8;
    let sb = Sandbox::new();
    // Written by the binary, a process of its own, so that this one has not touched SQLite yet.
    let files: Vec<_> = (0..THREADS)
        .map(|n| {
            let path = sb.path(&format!("w{n}.isms"));
            sb.run(&["new", path.to_str().unwrap(), "--org", "Acme GmbH"])
                .success();
            path
        })
        .collect();
    let start = Arc::new(Barrier::new(THREADS));
    let threads: Vec<_> = files
        .into_iter()
        .map(|path| {
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                let key = Passphrase::new("correct horse battery".into()).unwrap();
                start.wait();
                Store::convert(&path, None, Some(&key)).map_err(|e| e.to_string())
            })
        })
        .collect();
    for thread in threads {
        assert_eq!(thread.join().unwrap(), Ok(()));
    }
}
