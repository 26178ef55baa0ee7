subset = df[df['value'] > step]
print(f'step {step}: rows={len(subset)}')
print('mean=', subset['value'].mean())
