import { describe, expect, it } from 'vitest';
import { bestNameMatch, nameSimilarity, normalizeName } from './name-match';

describe('name matching', () => {
  it.each([
    ['Customer_ID', 'customerid'],
    ['customer id', 'customerid'],
    ['Straße', 'straße'],
    ['Café Name', 'cafename'],
  ])('normalizes %s to %s', (name, normalized) => {
    expect(normalizeName(name)).toBe(normalized);
  });

  it.each([
    ['phone_no', 'phone_number', 0.9],
    ['cust_no', 'customer_number', 0.9],
    ['qty', 'quantity', 0.9],
    ['email_addr', 'email_address', 0.9],
    ['created', 'created_at', 0.78],
  ])('scores %s ≈ %s at %s', (a, b, score) => {
    expect(nameSimilarity(a, b)).toBeCloseTo(score, 2);
  });

  it('prefers exact, then normalised, then the most similar name, and suggests nothing unrelated', () => {
    expect(bestNameMatch('email', ['Email', 'email'])?.name).toBe('email');
    expect(bestNameMatch('email', ['EMAIL', 'e_mail2'])?.match.method).toBe('normalized');
    expect(bestNameMatch('order_qty', ['ship_qty', 'order_quantity'])?.name).toBe('order_quantity');
    expect(bestNameMatch('loyalty_tier', ['full_name', 'phone'])).toBeUndefined();
  });
});
