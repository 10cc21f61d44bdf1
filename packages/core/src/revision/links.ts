/** Adjacency lists in two typed arrays: the neighbours of `i` are `to[at[i]]..to[at[i+1]-1]`. */
export interface Links {
  readonly at: Int32Array;
  readonly to: Int32Array;
}
