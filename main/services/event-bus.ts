// A tiny typed fan-out for service events, so a face can create the services first and attach listeners
// (IPC windows, SSE clients, CLI progress) later.
import type { EventName, Events } from '../../shared/api';

type Listener = <E extends EventName>(event: E, payload: Events[E]) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();

  readonly emit = <E extends EventName>(event: E, payload: Events[E]): void => {
    for (const l of this.listeners) l(event, payload);
  };

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
