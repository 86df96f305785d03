//! The topology of the communes' polygons: each ring cut into arcs where the
//! communes on either side change, so that a border two communes share is one arc;
//! then each arc simplified once, so both communes keep the same line.

use std::collections::HashMap;

use geo::{Coord, LineString, SimplifyIdx};

use super::{Shape, P};

/// A piece of a ring: an arc of the topology, walked forwards or backwards.
#[derive(Clone, Copy)]
pub struct Use {
    pub arc: usize,
    pub reversed: bool,
}

/// The arcs, and each commune's rings as arcs.
pub struct Topology {
    /// Each distinct arc, as read.
    pub arcs: Vec<Vec<P>>,
    /// Whether a commune lies on both sides of the arc (else: the coast, an island,
    /// the national border).
    shared: Vec<bool>,
    /// Shape → polygon → ring → the arcs it is made of.
    pub rings: Vec<Vec<Vec<Vec<Use>>>>,
}

impl Topology {
    pub fn of(shapes: &[Shape]) -> Topology {
        // Who lies on each side of each edge.
        let mut edges: HashMap<(P, P), Vec<u32>> = HashMap::new();
        for (i, s) in shapes.iter().enumerate() {
            for ring in s.polygons.iter().flatten() {
                for w in ring.windows(2) {
                    let key = if w[0] < w[1] {
                        (w[0], w[1])
                    } else {
                        (w[1], w[0])
                    };
                    let owners = edges.entry(key).or_default();
                    if !owners.contains(&(i as u32)) {
                        owners.push(i as u32);
                    }
                }
            }
        }
        let side = |a: P, b: P| -> &[u32] {
            let key = if a < b { (a, b) } else { (b, a) };
            &edges[&key]
        };

        // Cut every ring where its edges' owners change; one arc per distinct piece.
        let mut arcs: Vec<Vec<P>> = Vec::new();
        let mut index: HashMap<Vec<P>, usize> = HashMap::new();
        let mut shared: Vec<bool> = Vec::new(); // a commune on both sides
        let mut add = |piece: Vec<P>, both_sides: bool| -> Use {
            let mut rev = piece.clone();
            rev.reverse();
            let (key, reversed) = if piece <= rev {
                (piece, false)
            } else {
                (rev, true)
            };
            let arc = *index.entry(key.clone()).or_insert_with(|| {
                arcs.push(key);
                shared.push(both_sides);
                arcs.len() - 1
            });
            Use { arc, reversed }
        };
        let mut topo: Vec<Vec<Vec<Vec<Use>>>> = Vec::new(); // shape → polygon → ring → uses
        for s in shapes {
            let mut polys = Vec::new();
            for poly in &s.polygons {
                let mut rings = Vec::new();
                for ring in poly {
                    let n = ring.len() - 1; // distinct vertices; edge k = ring[k] → ring[k+1]
                    let cuts: Vec<usize> = (0..n)
                        .filter(|&k| {
                            let prev = if k == 0 { n - 1 } else { k - 1 };
                            side(ring[prev], ring[prev + 1]) != side(ring[k], ring[k + 1])
                        })
                        .collect();
                    let mut uses = Vec::new();
                    if cuts.is_empty() {
                        // A closed arc: start it at its smallest point, in a fixed direction,
                        // so that the commune on the other side makes the same one.
                        let start = (0..n).min_by_key(|&k| ring[k]).unwrap_or(0);
                        let mut piece: Vec<P> = (0..=n).map(|k| ring[(start + k) % n]).collect();
                        let reversed = piece[1] > piece[n - 1];
                        if reversed {
                            piece.reverse();
                        }
                        let both = side(piece[0], piece[1]).len() > 1;
                        let u = add(piece, both);
                        uses.push(Use {
                            arc: u.arc,
                            reversed: u.reversed != reversed,
                        });
                    } else {
                        for (j, &from) in cuts.iter().enumerate() {
                            let to = cuts[(j + 1) % cuts.len()];
                            let len = if to > from { to - from } else { to + n - from };
                            let piece: Vec<P> = (0..=len).map(|k| ring[(from + k) % n]).collect();
                            let both = side(piece[0], piece[1]).len() > 1;
                            uses.push(add(piece, both));
                        }
                    }
                    rings.push(uses);
                }
                polys.push(rings);
            }
            topo.push(polys);
        }
        Topology {
            arcs,
            shared,
            rings: topo,
        }
    }

    /// Each arc simplified, with `tolerance` between two communes and
    /// `edge_tolerance` elsewhere.
    pub fn simplified(&self, tolerance: f64, edge_tolerance: f64) -> Vec<Vec<P>> {
        let (arcs, shared, topo) = (&self.arcs, &self.shared, &self.rings);
        // Simplify each arc once; keep at least a triangle for a closed one.
        let mut eps: Vec<f64> = shared
            .iter()
            .map(|&both| if both { tolerance } else { edge_tolerance })
            .collect();
        let mut simple: Vec<Vec<P>> = arcs
            .iter()
            .zip(&eps)
            .map(|(a, &e)| simplify(a, e))
            .collect();
        // A ring of two or more arcs can collapse to a line (A, B, A): simplify its arcs
        // again, finer, until every ring keeps a triangle. Both sides of an arc share it,
        // so they stay the same.
        loop {
            let mut finer = Vec::new();
            for uses in topo.iter().flatten().flatten() {
                let mut distinct: Vec<P> = uses
                    .iter()
                    .flat_map(|u| simple[u.arc].iter().copied())
                    .collect();
                distinct.sort();
                distinct.dedup();
                if distinct.len() < 3 {
                    finer.extend(uses.iter().map(|u| u.arc).filter(|&a| eps[a] >= 0.5));
                }
            }
            finer.sort();
            finer.dedup();
            if finer.is_empty() {
                break;
            }
            for a in finer {
                eps[a] /= 2.0;
                simple[a] = simplify(&arcs[a], eps[a]);
            }
        }
        simple
    }
}

/// Douglas–Peucker with `geo`, endpoints kept; a closed arc keeps at least four points
/// (a triangle), trying a smaller tolerance until it does.
fn simplify(arc: &[P], tolerance: f64) -> Vec<P> {
    let line = LineString::from(
        arc.iter()
            .map(|p| Coord {
                x: p.0 as f64,
                y: p.1 as f64,
            })
            .collect::<Vec<_>>(),
    );
    let closed = arc.first() == arc.last();
    let mut eps = tolerance;
    loop {
        let kept = line.simplify_idx(eps);
        if !closed || kept.len() >= 4 || eps < 0.5 {
            return kept.into_iter().map(|i| arc[i]).collect();
        }
        eps /= 2.0;
    }
}
