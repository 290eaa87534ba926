// The cms package has no @types/react (the admin's React comes with Strapi): the little of
// React's API these admin files use, typed here so `tsc -p src/admin` stays strict. Adding
// @types/react 18 as a devDependency would replace this file.
declare module 'react' {
  export type ReactNode = JSX.Element | string | number | boolean | null | undefined;
  export function useState<T>(initial: T | (() => T)): [T, (next: T | ((previous: T) => T)) => void];
  export function useEffect(effect: () => void | (() => void), deps?: readonly unknown[]): void;
}
declare module 'react/jsx-runtime' {
  export const jsx: (...args: unknown[]) => JSX.Element;
  export const jsxs: (...args: unknown[]) => JSX.Element;
  export const Fragment: unknown;
}
declare namespace JSX {
  interface Element {
    readonly $$typeof?: symbol;
  }
  interface IntrinsicAttributes {
    key?: string | number;
  }
  interface IntrinsicElements {
    [element: string]: Record<string, unknown>;
  }
}
