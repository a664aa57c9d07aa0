

export { Alert } from './alert';
export { Button, buttonClassName } from './button';
export { Card } from './card';
export { DateField, INVALID_DATE, isIsoDate } from './date-field';
export { DateText } from './date-text';
export { Dialog, DialogClose } from './dialog';
export { EmptyState } from './empty-state';
export { FileField } from './file-field';
export { BellIcon, GlobeIcon, UserIcon } from './icons';
export { LanguageSwitcher } from './language-switcher';
export { PageHeader } from './page-header';
export { Select, type SelectOption } from './select';
export { Spinner } from './spinner';
export { Table, type TableColumn } from './table';
export { TableScroll } from './table-scroll';
export { Tabs } from './tabs';
export { UserText } from './user-text';
export { TextField } from './text-field';
export { readYear, YearField } from './year-field';
export { ToastProvider, useToast } from './toast';
