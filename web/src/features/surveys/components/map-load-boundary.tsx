import { Component, type ReactNode } from 'react';

type MapLoadBoundaryProps = { fallback: (retry: () => void) => ReactNode; children: ReactNode };

/**
 * Keeps a map that failed to load (its chunk lost on a flaky network) from taking the whole survey
 * down: the question shows a note and a retry, and the keyboard crosshair around it still works.
 */
export class MapLoadBoundary extends Component<MapLoadBoundaryProps, { hasFailed: boolean }> {
  state = { hasFailed: false };

  static getDerivedStateFromError() {
    return { hasFailed: true };
  }

  render() {
    return this.state.hasFailed ? this.props.fallback(() => this.setState({ hasFailed: false })) : this.props.children;
  }
}
