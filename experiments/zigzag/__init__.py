"""Why all-positive inputs make gradient descent zig-zag, one idea per module: signs (one neuron's per-sample sign
grid), sgd (the lockstep minibatch SGD engine on two weights), race (the two-weight race between input kinds, its
batches and fixes), contours (loss contours and the view box), conditioning (E[x x^T] and LeCun et al. 1998's offset
inputs), patterns (the sign patterns a layer's update can take)."""
