/**
 * The route of a wire that runs right to left or from an element to itself (Magic Mirror's
 * overlay → browser, the loopback): out of the output to the right, under both nodes, into the
 * input from the left. A plain curve would run behind the nodes and show only two stubs.
 * Framing a graph (fit.ts) keeps these routes in view.
 */

/** How far the route stands off the nodes' sides, and below them. */
export const ROUTE_OUT = 26;
export const ROUTE_BELOW = 28;
const R = 12; // corner radius

/** Only a wire that truly runs right to left is routed: a short forward wire curves fine. */
export function isRouted(sourceX: number, targetX: number, sameNode: boolean): boolean {
  return sameNode || targetX < sourceX;
}

export function routedPath(sourceX: number, sourceY: number, targetX: number, targetY: number, bottom: number): string {
  const right = sourceX + ROUTE_OUT;
  const left = targetX - ROUTE_OUT;
  return [
    `M${sourceX},${sourceY}`,
    `H${right - R}`,
    `Q${right},${sourceY} ${right},${sourceY + R}`,
    `V${bottom - R}`,
    `Q${right},${bottom} ${right - R},${bottom}`,
    `H${left + R}`,
    `Q${left},${bottom} ${left},${bottom - R}`,
    `V${targetY + R}`,
    `Q${left},${targetY} ${left + R},${targetY}`,
    `H${targetX}`,
  ].join(' ');
}
